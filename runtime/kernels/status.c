/* status.c - q4k_strerror: one sentence per status code. */
#include "q4k_core.h"

const char *q4k_strerror(int status)
{
    switch (status) {
    case Q4K_OK: return "success";
    case Q4K_EINVAL: return "invalid argument (NULL pointer or bad value)";
    case Q4K_EOVERFLOW: return "size overflows the address space";
    case Q4K_EUNSUPPORTED: return "variant not usable on this CPU";
    case Q4K_ENOMEM: return "out of memory";
    case Q4K_EIO: return "input/output error";
    case Q4K_EFORMAT: return "malformed file";
    case Q4K_ENOTFOUND: return "not found";
    case Q4K_ETYPE: return "tensor type cannot be dequantized";
    case Q4K_EVERSION: return "unsupported file version";
    case Q4K_EBUSY: return "still in use";
    default: return "unknown q4k status";
    }
}
