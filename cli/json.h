/* cli/json.h - a small JSON (RFC 8259) reader and writer for the CLI: ACVP and Wycheproof files in,
 * ACVP responses out. Values form a tree owned by its root; json_free(root) releases everything. */
#ifndef FIPS140_CLI_JSON_H
#define FIPS140_CLI_JSON_H

#include <stddef.h>
#include <stdio.h>

typedef enum json_type { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value json_value;

/* json_parse - parse text[0..len). On error returns NULL and writes a reason with line:column into err. */
json_value *json_parse(const char *text, size_t len, char *err, size_t errlen);
void json_free(json_value *v);

json_type json_typeof(const json_value *v);
/* json_get - member of an object by key (NULL if v is not an object or has no such key). */
const json_value *json_get(const json_value *obj, const char *key);
/* json_len / json_at - array length and element (0 / NULL for non-arrays and out-of-range). For objects,
 * json_len is the member count and json_at / json_key_at walk the members in order. */
size_t json_len(const json_value *v);
const json_value *json_at(const json_value *v, size_t i);
const char *json_key_at(const json_value *obj, size_t i);
/* json_str - the string (NUL-terminated, UTF-8) or NULL if not a string; json_strlen its byte length. */
const char *json_str(const json_value *v);
size_t json_strlen(const json_value *v);
/* json_num - the number as double; json_int - 1 and *out if v is an integral number fitting in long long. */
double json_num(const json_value *v);
int json_int(const json_value *v, long long *out);
/* json_bool - 1 for true, 0 otherwise. */
int json_bool(const json_value *v);

/* Convenience lookups: json_get_str(obj,"k") / json_get_int(obj,"k",&v) (1 on success). */
const char *json_get_str(const json_value *obj, const char *key);
int json_get_int(const json_value *obj, const char *key, long long *out);

/* Building (for responses). json_set / json_push take ownership of the child. */
json_value *json_new_object(void);
json_value *json_new_array(void);
json_value *json_new_string(const char *s);
json_value *json_new_stringn(const char *s, size_t n);
json_value *json_new_int(long long n);
json_value *json_new_bool(int b);
void json_set(json_value *obj, const char *key, json_value *child);
void json_push(json_value *arr, json_value *child);
/* json_set_str / json_set_int / json_set_bool / json_set_hex - shorthands; json_set_hex writes n bytes as
 * upper-case hex (ACVP's convention). */
void json_set_str(json_value *obj, const char *key, const char *s);
void json_set_int(json_value *obj, const char *key, long long n);
void json_set_bool(json_value *obj, const char *key, int b);
void json_set_hex(json_value *obj, const char *key, const unsigned char *p, size_t n);

/* json_write_string - one string literal (RFC 8259 §7 escaping) of n bytes; for line-oriented JSON output that does
 * not build a tree. */
void json_write_string(FILE *f, const char *s, size_t n);

/* json_write - serialise with two-space indentation and a final newline. */
void json_write(FILE *f, const json_value *v);

#endif
