# SPDX-License-Identifier: Apache-2.0
# Build type "Asan": AddressSanitizer + UndefinedBehaviorSanitizer, used by the test suite.
set(CMAKE_C_FLAGS_ASAN
    "-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
    CACHE STRING "C flags for the Asan build type" FORCE)
set(CMAKE_EXE_LINKER_FLAGS_ASAN "-fsanitize=address,undefined"
    CACHE STRING "Linker flags for the Asan build type" FORCE)
