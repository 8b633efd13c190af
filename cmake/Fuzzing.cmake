# smppd_add_fuzzer(name source...): a libFuzzer target when SMPPD_FUZZ is on (clang), and always a
# replay executable (any compiler) that runs the files or folders given on its command line
# through LLVMFuzzerTestOneInput, so the corpus is replayed in ctest with gcc too.
function(smppd_add_fuzzer name)
    set(sources ${ARGN})
    add_executable(${name}_replay ${sources} ${PROJECT_SOURCE_DIR}/tests/fuzz/ReplayMain.cpp)
    target_link_libraries(${name}_replay PRIVATE smppd::warnings)
    if(SMPPD_FUZZ)
        add_executable(${name} ${sources})
        target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
        target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
        target_link_libraries(${name} PRIVATE smppd::warnings)
    endif()
endfunction()
