// make_test_picture [--raw] [WIDTH HEIGHT]: writes a test picture to stdout, plain (P1) or raw
// (P4); without a size the classic 1024 x 1762 plain picture. For trying the picture by hand
// (socket_cl, the client window) and for tests that want a file; not installed.
#include "pbm_test_pictures.h"

#include <QByteArray>
#include <cstdio>
#include <cstring>

int main(int argc, char* argv[])
{
    using namespace prodcons::test;
    int arg = 1;
    const bool raw = argc > arg && std::strcmp(argv[arg], "--raw") == 0;
    if (raw)
        ++arg;
    int width = kClassicWidth;
    int height = kClassicHeight;
    if (argc == arg + 2) {
        width = QByteArray(argv[arg]).toInt();
        height = QByteArray(argv[arg + 1]).toInt();
    } else if (argc != arg) {
        std::fputs("usage: make_test_picture [--raw] [WIDTH HEIGHT]\n", stderr);
        return 2;
    }
    if (width < 1 || height < 1 || width > 16384 || height > 16384) {
        std::fputs("make_test_picture: WIDTH and HEIGHT are 1 to 16384\n", stderr);
        return 2;
    }
    const QByteArray picture =
        raw ? rawTestPicture(width, height) : plainTestPicture(width, height);
    return std::fwrite(picture.constData(), 1, size_t(picture.size()), stdout) ==
                   size_t(picture.size())
               ? 0
               : 1;
}
