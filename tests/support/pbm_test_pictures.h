// Test pictures made on the fly, so that no big .pbm file is committed: the classic 1024 x 1762
// plain PBM (1,764 lines, the rows 2,047 bytes each) and pictures of any size, plain or raw.
#pragma once

#include <QByteArray>
#include <QList>

namespace prodcons::test {

/// The pixel (x, y) of every test picture, true for black. The first 16 pixels of a row spell
/// its number in binary (most significant first), so no two rows of a picture up to 65,536 rows
/// tall are alike and a lost or doubled row always changes what follows; the rest is a
/// checkerboard of 32-pixel squares crossed by diagonals, to look at.
bool testPixel(int x, int y);

/// The lines of a plain (P1) test picture: "P1", "W H", then one line per row, the pixels
/// separated by single spaces.
QList<QByteArray> plainTestPictureLines(int width, int height);
/// The same as a file: the lines, each ended by LF.
QByteArray plainTestPicture(int width, int height);
/// A raw (P4) test picture with the same pixels.
QByteArray rawTestPicture(int width, int height);

/// The classic picture: 1024 x 1762, plain, 1,764 lines.
inline constexpr int kClassicWidth = 1024;
inline constexpr int kClassicHeight = 1762;
inline QList<QByteArray> classicTestPictureLines()
{
    return plainTestPictureLines(kClassicWidth, kClassicHeight);
}

} // namespace prodcons::test
