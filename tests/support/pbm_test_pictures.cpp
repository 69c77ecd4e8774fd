#include "pbm_test_pictures.h"

namespace prodcons::test {

bool testPixel(int x, int y)
{
    if (x < 16)
        return ((y >> (15 - x)) & 1) != 0;
    const bool square = (x / 32 + y / 32) % 2 == 0;
    const bool diagonal = (x + y) % 23 < 2 || (x - y + 65536) % 29 < 2;
    return square != diagonal;
}

QList<QByteArray> plainTestPictureLines(int width, int height)
{
    QList<QByteArray> lines;
    lines.reserve(height + 2);
    lines.append("P1");
    lines.append(QByteArray::number(width) + ' ' + QByteArray::number(height));
    for (int y = 0; y < height; ++y) {
        QByteArray row(2 * width - 1, ' ');
        for (int x = 0; x < width; ++x)
            row[2 * x] = testPixel(x, y) ? '1' : '0';
        lines.append(row);
    }
    return lines;
}

QByteArray plainTestPicture(int width, int height)
{
    return plainTestPictureLines(width, height).join('\n') + '\n';
}

QByteArray rawTestPicture(int width, int height)
{
    QByteArray file = "P4\n" + QByteArray::number(width) + ' ' + QByteArray::number(height) + '\n';
    const int rowBytes = (width + 7) / 8;
    for (int y = 0; y < height; ++y) {
        QByteArray row(rowBytes, '\0');
        for (int x = 0; x < width; ++x)
            if (testPixel(x, y))
                row[x / 8] = char(row[x / 8] | (0x80 >> (x % 8)));
        file += row;
    }
    return file;
}

} // namespace prodcons::test
