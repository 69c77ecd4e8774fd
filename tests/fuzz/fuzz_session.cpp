// libFuzzer target: the server's session against its model (see session_check.h), on a real
// buffer under PRODCONS_FUZZ_PREFIX (default /pcfuzz<pid>). With PRODCONS_FUZZ_CLEANUP=1 it
// only removes that prefix's objects (what a crashed run leaves) and exits.
#include "ipc/cleanup.h"
#include "session_check.h"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <unistd.h>

namespace {

std::unique_ptr<prodcons::fuzz::SessionCheck> g_check;

std::string prefix()
{
    const char* given = std::getenv("PRODCONS_FUZZ_PREFIX");
    return given ? given : "/pcfuzz" + std::to_string(::getpid());
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    if (const char* cleanup = std::getenv("PRODCONS_FUZZ_CLEANUP"); cleanup && *cleanup == '1') {
        auto names = prodcons::ipc::ObjectNames::from_prefix(prefix());
        if (names)
            std::printf("%s\n", prodcons::ipc::cleanup(names.value()).summary().c_str());
        std::exit(0);
    }
    g_check = std::make_unique<prodcons::fuzz::SessionCheck>(prefix());
    if (!g_check->ok()) {
        std::fprintf(stderr, "fuzz_session: %s\n", g_check->error().c_str());
        std::exit(1);
    }
    std::atexit([] { g_check.reset(); }); // detach: the objects go with the last user
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string problem = g_check->check(data, size);
    if (!problem.empty()) {
        std::fprintf(stderr, "session: %s\n", problem.c_str());
        std::abort();
    }
    return 0;
}
