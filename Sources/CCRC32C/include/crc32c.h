#ifndef LEAFSYNC_CRC32C_H
#define LEAFSYNC_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Extends a CRC32C (Castagnoli) over `length` bytes. Start with crc = 0.
/// Uses the SSE4.2 / ARMv8 CRC32 instructions when the CPU has them, a table otherwise.
uint32_t leafsync_crc32c_extend(uint32_t crc, const void *data, size_t length);

#endif
