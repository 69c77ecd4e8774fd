// libFuzzer target: the line reader against its model (see line_reader_check.h).
#include "line_reader_check.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string problem = prodcons::fuzz::checkLineReader(data, size);
    if (!problem.empty()) {
        std::fprintf(stderr, "line reader: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
