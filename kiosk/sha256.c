/* sha256.c — SHA-256 written from FIPS 180-4 (sections 4.1.2, 4.2.2, 5.1.1,
 * 6.2): small, dependency-free, fast enough to hash a 20 MB spreadsheet. */
#include "sha256.h"

#include <string.h>

/* First 32 bits of the fractional parts of the cube roots of the first 64
 * primes (FIPS 180-4, 4.2.2). */
static const uint32_t round_constants[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u,
    0xab1c5ed5u, 0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu,
    0x9bdc06a7u, 0xc19bf174u, 0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu,
    0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau, 0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u,
    0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u, 0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu,
    0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u, 0xa2bfe8a1u, 0xa81a664bu,
    0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u, 0x19a4c116u,
    0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u,
    0xc67178f2u,
};

static uint32_t rotate_right(uint32_t value, unsigned count)
{
	return (value >> count) | (value << (32u - count));
}

/* Processes one 64-byte block (FIPS 180-4, 6.2.2). */
static void compress(uint32_t state[8], const uint8_t block[64])
{
	uint32_t schedule[64];
	for (unsigned index = 0; index < 16; index++)
		schedule[index] =
		    (uint32_t)block[4 * index] << 24 | (uint32_t)block[4 * index + 1] << 16 |
		    (uint32_t)block[4 * index + 2] << 8 | (uint32_t)block[4 * index + 3];
	for (unsigned index = 16; index < 64; index++) {
		uint32_t earlier = schedule[index - 15];
		uint32_t recent = schedule[index - 2];
		uint32_t sigma0 =
		    rotate_right(earlier, 7) ^ rotate_right(earlier, 18) ^ (earlier >> 3);
		uint32_t sigma1 =
		    rotate_right(recent, 17) ^ rotate_right(recent, 19) ^ (recent >> 10);
		schedule[index] = schedule[index - 16] + sigma0 + schedule[index - 7] + sigma1;
	}
	uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
	uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
	for (unsigned index = 0; index < 64; index++) {
		uint32_t sum1 = rotate_right(e, 6) ^ rotate_right(e, 11) ^ rotate_right(e, 25);
		uint32_t choose = (e & f) ^ (~e & g);
		uint32_t temporary1 = h + sum1 + choose + round_constants[index] + schedule[index];
		uint32_t sum0 = rotate_right(a, 2) ^ rotate_right(a, 13) ^ rotate_right(a, 22);
		uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
		uint32_t temporary2 = sum0 + majority;
		h = g;
		g = f;
		f = e;
		e = d + temporary1;
		d = c;
		c = b;
		b = a;
		a = temporary1 + temporary2;
	}
	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;
	state[4] += e;
	state[5] += f;
	state[6] += g;
	state[7] += h;
}

void sha256_init(sha256_context *context)
{
	/* FIPS 180-4, 5.3.3: square roots of the first 8 primes. */
	static const uint32_t initial[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
	                                    0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
	memcpy(context->state, initial, sizeof initial);
	context->total_bytes = 0;
	context->block_length = 0;
}

void sha256_update(sha256_context *context, const void *bytes, size_t length)
{
	if (length == 0)
		return; /* bytes may be NULL then */
	const uint8_t *input = bytes;
	context->total_bytes += length;
	if (context->block_length > 0) {
		size_t room = sizeof context->block - context->block_length;
		size_t taken = length < room ? length : room;
		memcpy(context->block + context->block_length, input, taken);
		context->block_length += taken;
		input += taken;
		length -= taken;
		if (context->block_length < sizeof context->block)
			return;
		compress(context->state, context->block);
		context->block_length = 0;
	}
	while (length >= 64) {
		compress(context->state, input);
		input += 64;
		length -= 64;
	}
	if (length > 0) {
		memcpy(context->block, input, length);
		context->block_length = length;
	}
}

void sha256_final(sha256_context *context, uint8_t digest[32])
{
	/* Padding (5.1.1): a 1 bit, zeros, then the length in bits, big-endian,
	 * ending exactly on a block boundary. */
	uint64_t total_bits = context->total_bytes * 8u;
	uint8_t padding[72] = {0x80};
	size_t padding_length =
	    context->block_length < 56 ? 56 - context->block_length : 120 - context->block_length;
	for (unsigned index = 0; index < 8; index++)
		padding[padding_length + index] = (uint8_t)(total_bits >> (56 - 8 * index));
	uint64_t total_bytes = context->total_bytes;
	sha256_update(context, padding, padding_length + 8);
	context->total_bytes = total_bytes;
	for (unsigned index = 0; index < 8; index++) {
		digest[4 * index] = (uint8_t)(context->state[index] >> 24);
		digest[4 * index + 1] = (uint8_t)(context->state[index] >> 16);
		digest[4 * index + 2] = (uint8_t)(context->state[index] >> 8);
		digest[4 * index + 3] = (uint8_t)context->state[index];
	}
}

void sha256_to_hex(const uint8_t digest[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";
	for (unsigned index = 0; index < 32; index++) {
		hex[2 * index] = digits[digest[index] >> 4];
		hex[2 * index + 1] = digits[digest[index] & 0x0Fu];
	}
	hex[64] = '\0';
}
