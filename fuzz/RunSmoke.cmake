# A 60-second fuzzing run for ctest: FUZZER from a fresh copy of SEEDS in WORK (removed before and after),
# crash, leak and timeout inputs written to WORK/../<name>-artifacts/ for a look, FLAGS passed on.
get_filename_component(name ${WORK} NAME)
get_filename_component(parent ${WORK} DIRECTORY)
set(artifacts ${parent}/${name}-artifacts)
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK} ${artifacts})
file(COPY ${SEEDS}/ DESTINATION ${WORK})
execute_process(COMMAND ${FUZZER} ${FLAGS} -max_total_time=60 -print_final_stats=1 -artifact_prefix=${artifacts}/
                        ${WORK}
                RESULT_VARIABLE result)
file(REMOVE_RECURSE ${WORK})
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${result}); the input is in ${artifacts}")
endif()
