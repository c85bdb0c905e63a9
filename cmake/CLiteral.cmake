# SPDX-License-Identifier: Apache-2.0
# fs_c_literal(TEXT OUT): TEXT as a C string literal, one source line per line of TEXT, byte
# for byte (used by EmbedFacts.cmake and EmbedAssets.cmake).
function(fs_c_literal text out)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  string(REPLACE "\n" "\\n\"\n    \"" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()
