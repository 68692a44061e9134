/* gguf.c - opening and closing GGUF files, and the read-only accessors.
 * The parsing and validation live in gguf_parse.c; this file only maps
 * bytes in and hands out what the parser checked. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gguf_internal.h"
#include "hugemem.h"

/* ---- open / close ------------------------------------------------------------ */

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
}

void gguf_release(q4k_gguf *g)
{
    free(g->kv);
    free(g->tensors);
    free(g->kv_by_key);
    free(g->tensor_by_name);
    gguf_arena_free(&g->arena);
}

void q4k_gguf_close(q4k_gguf *g)
{
    if (!g)
        return;
    gguf_release(g);
    if (g->map)
        munmap(g->map, g->map_len);
    free(g->owned);
    free(g);
}

/* Takes ownership of map (may be NULL) and of owned (may be NULL)
 * whatever happens. */
static int open_bytes(const void *data, size_t size, void *map, size_t map_len, void *owned,
                      q4k_gguf **out, char *err, size_t errlen)
{
    q4k_gguf *g = calloc(1, sizeof *g);
    if (!g) {
        if (map)
            munmap(map, map_len);
        free(owned);
        set_err(err, errlen, "out of memory");
        return Q4K_ENOMEM;
    }
    g->base = data;
    g->size = size;
    g->map = map;
    g->map_len = map_len;
    g->owned = owned;
    int rc = gguf_parse(g, err, errlen);
    if (rc) {
        q4k_gguf_close(g);
        return rc;
    }
    *out = g;
    return Q4K_OK;
}

int q4k_gguf_open_memory(const void *data, size_t size, q4k_gguf **out, char *err, size_t errlen)
{
    if (!out || (!data && size)) {
        set_err(err, errlen, "q4k_gguf_open_memory: NULL argument");
        return Q4K_EINVAL;
    }
    *out = NULL;
    static const uint8_t empty[1];
    return open_bytes(data ? data : empty, size, NULL, 0, NULL, out, err, errlen);
}

/* The whole file in anonymous memory: on a 2 MiB boundary and advised for
 * huge pages on Linux, so that a kernel streaming through the weights
 * takes one TLB entry per 2 MiB instead of one per 4 KiB page of the page
 * cache. (Measured on this project's x86 VM: the same dequantization read
 * 4-KiB-page file mappings at 8-30 GB/s and a huge-page copy at 26-32.) */
static int read_whole(int fd, const char *path, size_t size, void **out, char *err, size_t errlen)
{
    void *buf = q4k_huge_alloc(size);
    if (!buf) {
        set_err(err, errlen, "%s: out of memory reading %zu bytes", path, size);
        return Q4K_ENOMEM;
    }
    size_t done = 0;
    while (done < size) {
        size_t chunk = size - done < ((size_t)1 << 30) ? size - done : ((size_t)1 << 30);
        ssize_t n = read(fd, (char *)buf + done, chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            set_err(err, errlen, "%s: %s", path, n < 0 ? strerror(errno) : "file shrank while being read");
            free(buf);
            return Q4K_EIO;
        }
        done += (size_t)n;
    }
    *out = buf;
    return Q4K_OK;
}

static int open_file(const char *path, int load, q4k_gguf **out, char *err, size_t errlen)
{
    const char *fn = load ? "q4k_gguf_load" : "q4k_gguf_open";
    if (!path || !out) {
        set_err(err, errlen, "%s: NULL argument", fn);
        return Q4K_EINVAL;
    }
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
        return Q4K_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        set_err(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        return Q4K_EIO;
    }
    if (!S_ISREG(st.st_mode)) {
        set_err(err, errlen, "%s: %s", path, "not a regular file");
        close(fd);
        return Q4K_EIO;
    }
    if ((uint64_t)st.st_size > SIZE_MAX) {
        set_err(err, errlen, "%s: %s", path, "file too large to map on this system");
        close(fd);
        return Q4K_EIO;
    }
    size_t size = (size_t)st.st_size;
    void *map = NULL, *owned = NULL;
    const void *data = NULL;
    if (load) {
        int rc = read_whole(fd, path, size, &owned, err, errlen);
        close(fd);
        if (rc)
            return rc;
        data = owned;
    } else {
        if (size > 0) { /* mmap of 0 bytes fails; the parser reports the empty file */
            map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (map == MAP_FAILED) {
                set_err(err, errlen, "%s: mmap: %s", path, strerror(errno));
                close(fd);
                return Q4K_EIO;
            }
        }
        close(fd); /* the mapping keeps the file alive */
        data = map;
    }
    int rc = open_bytes(data, size, map, size, owned, out, err, errlen);
    if (rc && err && errlen) {
        /* Prefix the path so the caller's message says which file. */
        char msg[512];
        snprintf(msg, sizeof msg, "%s", err);
        snprintf(err, errlen, "%s: %s", path, msg);
    }
    return rc;
}

int q4k_gguf_open(const char *path, q4k_gguf **out, char *err, size_t errlen)
{
    return open_file(path, 0, out, err, errlen);
}

int q4k_gguf_load(const char *path, q4k_gguf **out, char *err, size_t errlen)
{
    return open_file(path, 1, out, err, errlen);
}

/* ---- accessors --------------------------------------------------------------- */

uint32_t q4k_gguf_version(const q4k_gguf *g) { return g ? g->version : 0; }
uint32_t q4k_gguf_alignment(const q4k_gguf *g) { return g ? g->alignment : 0; }
uint64_t q4k_gguf_data_offset(const q4k_gguf *g) { return g ? g->data_offset : 0; }
uint64_t q4k_gguf_file_size(const q4k_gguf *g) { return g ? g->size : 0; }
size_t q4k_gguf_tensor_count(const q4k_gguf *g) { return g ? g->n_tensors : 0; }
size_t q4k_gguf_kv_count(const q4k_gguf *g) { return g ? g->n_kv : 0; }

const q4k_gguf_tensor *q4k_gguf_tensor_at(const q4k_gguf *g, size_t i)
{
    return g && i < g->n_tensors ? &g->tensors[i] : NULL;
}

const q4k_gguf_kv *q4k_gguf_kv_at(const q4k_gguf *g, size_t i)
{
    return g && i < g->n_kv ? &g->kv[i] : NULL;
}
