#include "name_list_view.h"

#include "name_row_delegate.h"

namespace prodcons::client {

NameListView::NameListView(QWidget* parent) : QListView(parent)
{
    setItemDelegate(new NameRowDelegate(this));
    setUniformItemSizes(true); // rows are all alike: no per-row measuring at any rate
    setSelectionMode(QAbstractItemView::NoSelection);
}

void NameListView::setModel(QAbstractItemModel* newModel)
{
    if (model())
        model()->disconnect(this);
    QListView::setModel(newModel);
    if (!newModel)
        return;
    // Connected after QListView's own handlers, which only schedule the layout.
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(newModel, signal, this, &NameListView::executeDelayedItemsLayout);
    connect(newModel, &QAbstractItemModel::modelReset, this,
            &NameListView::executeDelayedItemsLayout);
}

} // namespace prodcons::client
