#!/usr/bin/env python3
# XWD (32 bits per pixel, as Xvfb -fbdir writes it) to an RGB PNG, standard library only:
#   scripts/xwd_to_png.py SCREEN.xwd OUTPUT.png
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
h = struct.unpack('>25I', data[:100])
header_size, width, height = h[0], h[4], h[5]
byte_order, bits_per_pixel, bytes_per_line = h[7], h[11], h[12]
masks, ncolors = h[14:17], h[19]
if bits_per_pixel != 32:
    sys.exit('unexpected XWD depth %d' % bits_per_pixel)
shifts = [(m & -m).bit_length() - 1 for m in masks]
order = '<' if byte_order == 0 else '>'
offset = header_size + ncolors * 12
rows = []
for y in range(height):
    start = offset + y * bytes_per_line
    pixels = struct.unpack('%s%dI' % (order, width), data[start:start + 4 * width])
    row = bytearray(b'\0')
    for p in pixels:
        row += bytes(((p >> shifts[0]) & 255, (p >> shifts[1]) & 255, (p >> shifts[2]) & 255))
    rows.append(bytes(row))
def chunk(kind, body):
    return (struct.pack('>I', len(body)) + kind + body +
            struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff))
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
png += chunk(b'IDAT', zlib.compress(b''.join(rows), 9)) + chunk(b'IEND', b'')
open(sys.argv[2], 'wb').write(png)
