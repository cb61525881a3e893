#ifndef SAMPLETOK_CCURL_SHIM_H
#define SAMPLETOK_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt/getinfo are variadic: Swift cannot call them. Typed wrappers: */
static inline CURLcode shim_curl_setopt_string(CURL *c, CURLoption o, const char *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode shim_curl_setopt_long(CURL *c, CURLoption o, long v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode shim_curl_setopt_pointer(CURL *c, CURLoption o, void *v) { return curl_easy_setopt(c, o, v); }
static inline CURLcode shim_curl_setopt_slist(CURL *c, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(c, o, v); }
typedef size_t (*shim_curl_data_fn)(char *, size_t, size_t, void *);
static inline CURLcode shim_curl_setopt_datafn(CURL *c, CURLoption o, shim_curl_data_fn f) { return curl_easy_setopt(c, o, f); }
static inline CURLcode shim_curl_getinfo_long(CURL *c, CURLINFO i, long *v) { return curl_easy_getinfo(c, i, v); }
static inline CURLcode shim_curl_getinfo_double(CURL *c, CURLINFO i, double *v) { return curl_easy_getinfo(c, i, v); }
static inline CURLcode shim_curl_getinfo_string(CURL *c, CURLINFO i, char **v) { return curl_easy_getinfo(c, i, v); }

static inline CURLcode shim_curl_getinfo_off(CURL *c, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(c, i, v); }
static inline CURLcode shim_curl_setopt_off(CURL *c, CURLoption o, curl_off_t v) { return curl_easy_setopt(c, o, v); }

/* Progress (CURLOPT_XFERINFOFUNCTION) and socket creation (CURLOPT_OPENSOCKETFUNCTION) callbacks. */
typedef int (*shim_curl_xferinfo_fn)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);
static inline CURLcode shim_curl_setopt_xferinfofn(CURL *c, shim_curl_xferinfo_fn f) { return curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, f); }
typedef curl_socket_t (*shim_curl_opensocket_fn)(void *, curlsocktype, struct curl_sockaddr *);
static inline CURLcode shim_curl_setopt_opensocketfn(CURL *c, shim_curl_opensocket_fn f) { return curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, f); }

/* The raw address bytes of the socket address curl is about to connect to: 4 (IPv4), 16 (IPv6) or 0 (other). */
#include <string.h>
#include <netinet/in.h>
static inline int shim_curl_sockaddr_ip(const struct curl_sockaddr *a, unsigned char out[16]) {
    if (a->family == AF_INET && a->addrlen >= sizeof(struct sockaddr_in)) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)(const void *)&a->addr;
        memcpy(out, &v4->sin_addr, 4);
        return 4;
    }
    if (a->family == AF_INET6 && a->addrlen >= sizeof(struct sockaddr_in6)) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)(const void *)&a->addr;
        memcpy(out, &v6->sin6_addr, 16);
        return 16;
    }
    return 0;
}

/* The port of the socket address curl is about to connect to, in host order (0 when it is not IP). */
#include <arpa/inet.h>
static inline int shim_curl_sockaddr_port(const struct curl_sockaddr *a) {
    if (a->family == AF_INET && a->addrlen >= sizeof(struct sockaddr_in))
        return ntohs(((const struct sockaddr_in *)(const void *)&a->addr)->sin_port);
    if (a->family == AF_INET6 && a->addrlen >= sizeof(struct sockaddr_in6))
        return ntohs(((const struct sockaddr_in6 *)(const void *)&a->addr)->sin6_port);
    return 0;
}

/* CURLMsg's result lives in a union. */
static inline CURLcode shim_curl_msg_result(const CURLMsg *m) { return m->data.result; }

#endif
