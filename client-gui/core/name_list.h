// The names a producer sends: the bundled list, or a file of the user's.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <optional>

namespace prodcons::client {

/// A list of valid names: UTF-8 text, one name a line; surrounding white space is trimmed, empty
/// lines and lines starting with '#' are skipped, and so are names the protocol cannot carry
/// (NameCheck: control bytes, more than kMaxNameBytes, ...); `rejectedLines()` counts those.
/// For lines to be sent exactly as they are, once each, see LineSequence.
class NameList
{
public:
    /// The lists compiled into the program.
    enum class Bundled
    {
        International, ///< resources/names.txt
        Czech          ///< resources/names_cs.txt
    };

    NameList() = default;

    /// A list compiled into the program.
    static NameList bundled(Bundled which = Bundled::International);
    /// The bundled list a word names: "international" or "cs" (any case); nullopt otherwise.
    static std::optional<Bundled> bundledByName(const QString& word);
    /// The word for a bundled list ("international", "cs"), for settings and command lines.
    static QString bundledName(Bundled which);
    /// Reads a file. On failure (cannot read, or no valid name in it) returns an empty list and
    /// sets `errorMessage`.
    static NameList fromFile(const QString& path, QString* errorMessage = nullptr);
    static NameList fromText(QByteArrayView text);

    /// Whether some server stores `name`: 1..kMaxNameBytes bytes of UTF-8, no control bytes, not
    /// starting with "ERROR:" (NameCheck says why not).
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
