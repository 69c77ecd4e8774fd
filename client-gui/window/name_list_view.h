// The list of the latest names: a QListView that lays out its rows as soon as the model changes.
#pragma once

#include <QListView>

namespace prodcons::client {

/// A QListView for NameLogModel: uniform rows painted by NameRowDelegate, no selection. A plain
/// QListView lays its rows out on a zero-time timer after each change, and a repaint that comes
/// first (another widget resizing, a posted update) paints an empty list: at ten changes a
/// second that shows as flicker. This view does the layout at once, in the change itself.
class NameListView : public QListView
{
    Q_OBJECT

public:
    explicit NameListView(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model) override;
};

} // namespace prodcons::client
