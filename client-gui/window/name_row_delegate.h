// Paints one row of the names list: time, name, and what happened to it, in columns.
#pragma once

#include <QStyledItemDelegate>

namespace prodcons::client {

/// Draws NameLogModel rows as aligned columns (time stamp, name, coloured status). Only paints:
/// the text comes from the model's roles.
class NameRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit NameRowDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace prodcons::client
