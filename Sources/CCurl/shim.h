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

#endif
