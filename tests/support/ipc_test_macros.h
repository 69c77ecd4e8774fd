// QVERIFY for ipc::Result and ipc::Status: on failure the message is the error's description
// ("sem_open("/pct1_0_full"): EACCES (Permission denied)") rather than "false".
#pragma once

#include "ipc/error.h"

#include <QTest>

#define IPC_VERIFY(expression)                                                                     \
    do {                                                                                           \
        const auto& ipc_result_ = (expression);                                                    \
        if (!ipc_result_.ok())                                                                     \
            QFAIL((#expression ": " + prodcons::ipc::describe(ipc_result_.error())).c_str());      \
    } while (false)

#define IPC_COMPARE_ERROR(expression, expected_code)                                               \
    do {                                                                                           \
        const auto& ipc_result_ = (expression);                                                    \
        QVERIFY2(!ipc_result_.ok(), #expression " succeeded but should have failed");              \
        QCOMPARE(static_cast<int>(ipc_result_.error().code), static_cast<int>(expected_code));     \
    } while (false)
