// What the protocol can carry as a name, and if not, why: the client's copy of the server's check.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace prodcons::client {

/// What is wrong with a name, checked in the server's order (server-gui/session/name_check.h),
/// so that a list or a file never feeds a server a name it refuses for its content. The length
/// is checked against kMaxNameBytes, the most any server takes.
struct NameCheck
{
    enum class Fault
    {
        None,
        Empty,
        TooLong,
        ControlByte, ///< a byte below 0x20 (tab and CR included) or 0x7F
        NotUtf8,
        LooksLikeError ///< starts with "ERROR:": a consumer would read it as an error line
    };

    Fault fault = Fault::None;
    qsizetype size = 0;   ///< the name's length in bytes
    qsizetype offset = 0; ///< ControlByte: where the first one is (0-based)
    uchar byte = 0;       ///< ControlByte: its value

    static NameCheck of(QByteArrayView name);
    bool isOk() const { return fault == Fault::None; }
    /// Why the name cannot be sent, for a person ("it is empty", ...); empty when isOk().
    QString describe() const;
};

} // namespace prodcons::client
