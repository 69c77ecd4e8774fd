#include "mapped_control.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace prodcons::test {

MappedControl::MappedControl(const char* name)
{
    const int fd = ::shm_open(name, O_RDWR, 0);
    if (fd < 0)
        return;
    struct stat st = {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        m_size = static_cast<std::size_t>(st.st_size);
        void* data = ::mmap(nullptr, m_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (data != MAP_FAILED)
            m_data = data;
    }
    ::close(fd);
}

MappedControl::~MappedControl()
{
    if (m_data)
        ::munmap(m_data, m_size);
}

bool MappedControl::ok() const
{
    return m_data != nullptr && m_size >= ipc::layout::ControlView::size_for({});
}

ipc::layout::ControlView MappedControl::view() const
{
    return ipc::layout::ControlView(m_data, {});
}

std::span<unsigned char> MappedControl::bytes() const
{
    return {static_cast<unsigned char*>(m_data), m_data ? m_size : 0};
}

} // namespace prodcons::test
