// CRC32C (Castagnoli, polynomial 0x82F63B78 reflected), as used by iSCSI, ext4 and Kafka.
// Hardware path on x86-64 (SSE4.2, detected at run time) and AArch64 (CRC extension);
// portable slicing-by-8 table otherwise.
#include "crc32c.h"
#include <string.h>

static uint32_t table[8][256];
static int table_ready = 0;

static void build_table(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t crc = i;
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
        table[0][i] = crc;
    }
    for (uint32_t i = 0; i < 256; i++) {
        for (int t = 1; t < 8; t++) table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xFF];
    }
    __atomic_store_n(&table_ready, 1, __ATOMIC_RELEASE);
}

static uint32_t crc32c_software(uint32_t crc, const unsigned char *p, size_t n) {
    if (!__atomic_load_n(&table_ready, __ATOMIC_ACQUIRE)) build_table();
    crc = ~crc;
    while (n >= 8) {
        uint64_t word;
        memcpy(&word, p, 8);
        word ^= crc;
        crc = table[7][word & 0xFF] ^ table[6][(word >> 8) & 0xFF] ^ table[5][(word >> 16) & 0xFF] ^
              table[4][(word >> 24) & 0xFF] ^ table[3][(word >> 32) & 0xFF] ^ table[2][(word >> 40) & 0xFF] ^
              table[1][(word >> 48) & 0xFF] ^ table[0][word >> 56];
        p += 8;
        n -= 8;
    }
    while (n--) crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xFF];
    return ~crc;
}

// The CRC instruction has a latency of three cycles and a throughput of one per cycle, so the
// hardware paths run three independent CRCs over consecutive thirds of each block and combine
// them with a table that appends a block's worth of zero bytes to a CRC (Mark Adler's method).
#define CRC32C_POLY 0x82F63B78u
#define LONG_BLOCK 8192
#define SHORT_BLOCK 256
static uint32_t long_shift[4][256], short_shift[4][256];
static int shift_ready = 0;

static uint32_t gf2_times(const uint32_t *matrix, uint32_t vector) {
    uint32_t sum = 0;
    for (; vector; vector >>= 1, matrix++) if (vector & 1) sum ^= *matrix;
    return sum;
}

static void gf2_square(uint32_t *square, const uint32_t *matrix) {
    for (int n = 0; n < 32; n++) square[n] = gf2_times(matrix, matrix[n]);
}

// The operator that appends `length` zero bytes (a power of two) to a CRC register.
static void zeros_operator(uint32_t *even, size_t length) {
    uint32_t odd[32];
    uint32_t row = 1;
    odd[0] = CRC32C_POLY;  // one zero bit
    for (int n = 1; n < 32; n++, row <<= 1) odd[n] = row;
    gf2_square(even, odd);  // two zero bits
    gf2_square(odd, even);  // four zero bits
    do {
        gf2_square(even, odd);  // first pass: one zero byte
        length >>= 1;
        if (length == 0) return;
        gf2_square(odd, even);
        length >>= 1;
    } while (length);
    for (int n = 0; n < 32; n++) even[n] = odd[n];
}

static void build_shift(uint32_t shift[4][256], size_t length) {
    uint32_t op[32];
    zeros_operator(op, length);
    for (uint32_t n = 0; n < 256; n++) {
        shift[0][n] = gf2_times(op, n);
        shift[1][n] = gf2_times(op, n << 8);
        shift[2][n] = gf2_times(op, n << 16);
        shift[3][n] = gf2_times(op, n << 24);
    }
}

static void build_shifts(void) {
    build_shift(long_shift, LONG_BLOCK);
    build_shift(short_shift, SHORT_BLOCK);
    __atomic_store_n(&shift_ready, 1, __ATOMIC_RELEASE);
}

static inline uint32_t shift_crc(uint32_t shift[4][256], uint32_t crc) {
    return shift[0][crc & 0xFF] ^ shift[1][(crc >> 8) & 0xFF] ^ shift[2][(crc >> 16) & 0xFF] ^ shift[3][crc >> 24];
}

#if defined(__x86_64__)
#include <cpuid.h>
#define CRC_WORD(c, w) ((uint32_t)__builtin_ia32_crc32di((c), (w)))
#define CRC_BYTE(c, b) __builtin_ia32_crc32qi((c), (b))
#define HARDWARE_TARGET __attribute__((target("sse4.2")))
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#define CRC_WORD(c, w) __crc32cd((c), (w))
#define CRC_BYTE(c, b) __crc32cb((c), (b))
#define HARDWARE_TARGET
#endif

#ifdef CRC_WORD
static inline uint64_t load64(const unsigned char *p) {
    uint64_t word;
    memcpy(&word, p, 8);
    return word;
}

// Three interleaved CRCs over `blocks` of 3 × `block` bytes each, combined with `shift`.
#define CRC_TRIPLE(block, shift)                                                         \
    while (n >= 3 * (block)) {                                                           \
        uint32_t c1 = 0, c2 = 0;                                                         \
        const unsigned char *end = p + (block);                                          \
        do {                                                                             \
            c = CRC_WORD(c, load64(p));                                                  \
            c1 = CRC_WORD(c1, load64(p + (block)));                                      \
            c2 = CRC_WORD(c2, load64(p + 2 * (block)));                                  \
            p += 8;                                                                      \
        } while (p < end);                                                               \
        c = shift_crc(shift, c) ^ c1;                                                    \
        c = shift_crc(shift, c) ^ c2;                                                    \
        p += 2 * (block);                                                                \
        n -= 3 * (block);                                                                \
    }

HARDWARE_TARGET
static uint32_t crc32c_hardware(uint32_t crc, const unsigned char *p, size_t n) {
    if (!__atomic_load_n(&shift_ready, __ATOMIC_ACQUIRE)) build_shifts();
    uint32_t c = ~crc;
    CRC_TRIPLE(LONG_BLOCK, long_shift)
    CRC_TRIPLE(SHORT_BLOCK, short_shift)
    for (; n >= 8; n -= 8, p += 8) c = CRC_WORD(c, load64(p));
    while (n--) c = CRC_BYTE(c, *p++);
    return ~c;
}
#endif

#if defined(__x86_64__)
static int has_hardware(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    return (c & bit_SSE4_2) != 0;
}
#elif defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
static int has_hardware(void) { return 1; }
#else
static uint32_t crc32c_hardware(uint32_t crc, const unsigned char *p, size_t n) { return crc32c_software(crc, p, n); }
static int has_hardware(void) { return 0; }
#endif

static int hardware_state = -1; // -1 unknown, 0 no, 1 yes

uint32_t leafsync_crc32c_extend(uint32_t crc, const void *data, size_t length) {
    int state = __atomic_load_n(&hardware_state, __ATOMIC_RELAXED);
    if (state < 0) {
        state = has_hardware();
        __atomic_store_n(&hardware_state, state, __ATOMIC_RELAXED);
    }
    const unsigned char *p = (const unsigned char *)data;
    return state ? crc32c_hardware(crc, p, length) : crc32c_software(crc, p, length);
}
