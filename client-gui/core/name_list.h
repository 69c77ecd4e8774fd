// The names a producer sends: the bundled list, or a file of the user's.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace prodcons::client {

/// A list of valid names: UTF-8 text, one name a line; surrounding white space is trimmed, empty
/// lines and lines starting with '#' are skipped, and so are names the protocol cannot carry
/// (control bytes, more than 255 bytes); `rejectedLines()` counts those.
class NameList
{
public:
    NameList() = default;

    /// The list compiled into the program (resources/names.txt).
    static NameList bundled();
    /// Reads a file. On failure (cannot read, or no valid name in it) returns an empty list and
    /// sets `errorMessage`.
    static NameList fromFile(const QString& path, QString* errorMessage = nullptr);
    static NameList fromText(QByteArrayView text);

    /// Whether the server stores `name`: 1..255 bytes of UTF-8, no control bytes, not starting
    /// with "ERROR:".
    static bool isValidName(QByteArrayView name);

    bool isEmpty() const { return m_names.isEmpty(); }
    qsizetype size() const { return m_names.size(); }
    QByteArrayView at(qsizetype index) const { return m_names.at(index); }
    const QList<QByteArray>& names() const { return m_names; }
    qsizetype rejectedLines() const { return m_rejected; }

private:
    QList<QByteArray> m_names;
    qsizetype m_rejected = 0;
};

} // namespace prodcons::client
