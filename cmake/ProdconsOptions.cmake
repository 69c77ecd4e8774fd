# Build options shared by every target: warnings, sanitizers, compile database.

option(PRODCONS_WERROR "Treat warnings as errors" OFF)
set(PRODCONS_SANITIZE "" CACHE STRING "Sanitizers: empty, 'address' (address+undefined) or 'thread'")
set_property(CACHE PRODCONS_SANITIZE PROPERTY STRINGS "" address thread)

set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

add_library(prodcons_warnings INTERFACE)
target_compile_options(prodcons_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wdouble-promotion -Wformat=2
    -Wimplicit-fallthrough)
if(PRODCONS_WERROR)
    target_compile_options(prodcons_warnings INTERFACE -Werror)
endif()

if(PRODCONS_SANITIZE STREQUAL "address")
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
elseif(PRODCONS_SANITIZE STREQUAL "thread")
    add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
    add_link_options(-fsanitize=thread)
elseif(NOT PRODCONS_SANITIZE STREQUAL "")
    message(FATAL_ERROR "PRODCONS_SANITIZE must be empty, 'address' or 'thread'")
endif()
