# cmake -DEXE=<Catch2 test executable> -P CheckTestNames.cmake
# catch_discover_tests turns each test case name into a ctest test through a CMake list, so a
# name with ';' becomes two tests that match no case and "pass" with "No tests ran": the case
# never runs. Fails when a name would do that.
execute_process(COMMAND "${EXE}" --list-test-names-only
    OUTPUT_VARIABLE names RESULT_VARIABLE rc)
# Catch2 v2 exits with the number of names listed, so the output, not the code, tells.
if(names STREQUAL "")
    message(FATAL_ERROR "${EXE} --list-test-names-only listed nothing (exit ${rc})")
endif()
string(REPLACE ";" "<SEMICOLON>" names "${names}")
string(REPLACE "\n" ";" lines "${names}")
foreach(line IN LISTS lines)
    if(line MATCHES "^-")
        # ctest runs a case by its name: Catch takes one starting with '-' for an option.
        message(SEND_ERROR "test case name starting with '-' cannot be run by name: ${line}")
    endif()
    if(line MATCHES "<SEMICOLON>")
        string(REPLACE "<SEMICOLON>" ";" line "${line}")
        message(SEND_ERROR "test case name with ';' never runs under ctest: ${line}")
    endif()
endforeach()
