// queue_look: what one look at a full message queue costs that must not wait, by the way it is
// asked: mq_timedsend with the deadline "now", with a deadline one second after the epoch,
// with time zero (what ipc's MessageQueue::try_send passes), and mq_send on an O_NONBLOCK
// descriptor. All four fail at once as POSIX says; the time they take differs (bench/NOTES.md).
//   queue_look [LOOKS]
// Prints one line per way: "WAY MICROSECONDS_PER_LOOK".
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <mqueue.h>
#include <string>
#include <unistd.h>

int main(int argc, char** argv)
{
    const long looks = argc > 1 ? std::atol(argv[1]) : 100'000;
    const std::string name = "/pcbench" + std::to_string(getpid()) + "_look";
    mq_attr attr = {};
    attr.mq_maxmsg = 1;
    attr.mq_msgsize = 16;
    const mqd_t queue = mq_open(name.c_str(), O_RDWR | O_CREAT | O_EXCL, 0600, &attr);
    const mqd_t nonblocking = mq_open(name.c_str(), O_RDWR | O_NONBLOCK);
    mq_unlink(name.c_str()); // gone from the file system however this program ends
    if (queue == mqd_t(-1) || nonblocking == mqd_t(-1)) {
        std::perror("mq_open");
        return 1;
    }
    if (mq_send(queue, "x", 1, 0) != 0) { // full from now on
        std::perror("mq_send");
        return 1;
    }
    const auto per_look = [&](const char* way, auto look) {
        const auto start = std::chrono::steady_clock::now();
        for (long i = 0; i < looks; ++i)
            if (look() == 0) {
                std::fprintf(stderr, "%s: a send went through a full queue\n", way);
                std::exit(1);
            }
        const std::chrono::duration<double, std::micro> spent =
            std::chrono::steady_clock::now() - start;
        std::printf("%s %.2f\n", way, spent.count() / static_cast<double>(looks));
    };
    per_look("timed-now", [&] {
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        return mq_timedsend(queue, "y", 1, 0, &now);
    });
    per_look("timed-epoch-plus-1s", [&] {
        const timespec long_ago{1, 0};
        return mq_timedsend(queue, "y", 1, 0, &long_ago);
    });
    per_look("timed-zero", [&] {
        const timespec zero{};
        return mq_timedsend(queue, "y", 1, 0, &zero);
    });
    per_look("nonblocking", [&] { return mq_send(nonblocking, "y", 1, 0); });
    mq_close(nonblocking);
    mq_close(queue);
    return 0;
}
