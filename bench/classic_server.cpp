// classic_server: the textbook server the numbers are compared with. It forks a child per
// client like ours, but reads the socket one byte at a time, answers one OK per name, sends a
// consumer one name and waits for its OK before the next, and uses the plain textbook bounded
// buffer (three named semaphores, one name per mutex hold). It is a baseline, not a product:
// no crash recovery, no limits.
//
//   classic_server PORT PREFIX      (SHM mode; stops on SIGTERM and removes its objects)
#include "probe_socket.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <semaphore.h>
#include <string>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

constexpr unsigned kCapacity = 10;
constexpr std::size_t kSlot = 256;

struct Ring
{
    unsigned in;
    unsigned out;
    char slots[kCapacity][kSlot];
};

sem_t* g_mutex;
sem_t* g_empty;
sem_t* g_full;
Ring* g_ring;
volatile sig_atomic_t g_stop = 0;

/// One byte per read(), as the classic exercise does it.
bool read_line(int fd, char* line, std::size_t size)
{
    std::size_t n = 0;
    char c;
    for (;;) {
        if (read(fd, &c, 1) != 1)
            return false;
        if (c == '\n')
            break;
        if (n + 1 < size && c != '\r')
            line[n++] = c;
    }
    line[n] = '\0';
    return true;
}

bool write_all(int fd, const char* text, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = send(fd, text, size, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        text += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

void serve(int fd)
{
    char line[kSlot];
    if (!write_all(fd, "Task?\n", 6) || !read_line(fd, line, sizeof line))
        return;
    if (std::strcmp(line, "producer") == 0) {
        while (read_line(fd, line, sizeof line)) {
            if (std::strcmp(line, "quit") == 0)
                return;
            sem_wait(g_empty);
            sem_wait(g_mutex);
            std::strcpy(g_ring->slots[g_ring->in], line);
            g_ring->in = (g_ring->in + 1) % kCapacity;
            sem_post(g_mutex);
            sem_post(g_full);
            if (!write_all(fd, "OK\n", 3))
                return;
        }
    } else if (std::strcmp(line, "consumer") == 0) {
        for (;;) {
            sem_wait(g_full);
            sem_wait(g_mutex);
            std::strcpy(line, g_ring->slots[g_ring->out]);
            g_ring->out = (g_ring->out + 1) % kCapacity;
            sem_post(g_mutex);
            sem_post(g_empty);
            const std::size_t n = std::strlen(line);
            line[n] = '\n';
            char ok[kSlot];
            if (!write_all(fd, line, n + 1) || !read_line(fd, ok, sizeof ok))
                return; // the classic server loses this name: one of the things we fix
        }
    } else {
        write_all(fd, "ERROR: invalid task\n", 20);
    }
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s PORT PREFIX\n", argv[0]);
        return 2;
    }
    setpgid(0, 0); // its own process group, so that stopping kills its children and nothing else
    const std::string prefix = argv[2];
    const std::string mutex = prefix + "_mutex", empty = prefix + "_empty", full = prefix + "_full",
                      shm = prefix + "_shm";
    // The first server creates, the second opens: no crash handling, as in the exercise.
    g_mutex = sem_open(mutex.c_str(), O_CREAT, 0600, 1);
    g_empty = sem_open(empty.c_str(), O_CREAT, 0600, kCapacity);
    g_full = sem_open(full.c_str(), O_CREAT, 0600, 0);
    const int shm_fd = shm_open(shm.c_str(), O_RDWR | O_CREAT, 0600);
    if (g_mutex == SEM_FAILED || g_empty == SEM_FAILED || g_full == SEM_FAILED || shm_fd < 0 ||
        ftruncate(shm_fd, sizeof(Ring)) != 0) {
        std::perror("classic_server: objects");
        return 1;
    }
    g_ring = static_cast<Ring*>(
        mmap(nullptr, sizeof(Ring), PROT_READ | PROT_WRITE, MAP_SHARED, shm_fd, 0));
    close(shm_fd);

    const int listener = probe::listen_on_loopback(std::atoi(argv[1]), 128, "classic_server");
    struct sigaction stop = {};
    stop.sa_handler = [](int) {
        g_stop = 1;
    };
    sigaction(SIGTERM, &stop, nullptr);
    sigaction(SIGINT, &stop, nullptr);
    signal(SIGCHLD, SIG_IGN); // children are reaped by the kernel
    std::printf("listening\n");
    std::fflush(stdout);
    while (!g_stop) {
        const int fd = accept(listener, nullptr, nullptr);
        if (fd < 0)
            continue;
        if (fork() == 0) {
            close(listener);
            signal(SIGTERM, SIG_DFL);
            serve(fd);
            _exit(0);
        }
        close(fd);
    }
    kill(0, SIGTERM); // our children (same process group)
    sem_unlink(mutex.c_str());
    sem_unlink(empty.c_str());
    sem_unlink(full.c_str());
    shm_unlink(shm.c_str());
    return 0;
}
