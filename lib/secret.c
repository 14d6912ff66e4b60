/* Tokens and password hashing with libsodium (see secret.h). */
#include "lib/secret.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

bool ogi_secret_init(void)
{
	return sodium_init() >= 0;
}

void ogi_token_new(char out[OGI_TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, OGI_TOKEN_LEN + 1, raw, sizeof raw,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
}

void ogi_token_hash(const char *token, size_t len, char out[OGI_TOKEN_HASH_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)token, len);
	out[0] = '\\';
	out[1] = 'x';
	sodium_bin2hex(out + 2, OGI_TOKEN_HASH_HEX - 2, digest, sizeof digest);
}

void ogi_sha256_hex(const void *data, size_t len, char out[OGI_SHA256_HEX])
{
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, data, len);
	sodium_bin2hex(out, OGI_SHA256_HEX, digest, sizeof digest);
}

void ogi_password_new(char *out, size_t n)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[n] = '\0';
}

bool ogi_password_hash(const char *password, char *out, size_t outlen)
{
	if (outlen < crypto_pwhash_STRBYTES)
		return false;
	return crypto_pwhash_str(out, password, strlen(password),
	                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool ogi_password_verify(const char *hash, const char *password)
{
	return hash != NULL && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
