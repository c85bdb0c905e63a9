# SPDX-License-Identifier: Apache-2.0
# Compiler warnings of shared/design/architecture.md; FS_WERROR turns them into errors (CI).
option(FS_WERROR "Treat warnings as errors" OFF)
function(fs_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wshadow -Wconversion -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes
    -Wno-sign-conversion)
  if(FS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
