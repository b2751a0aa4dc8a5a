# SPDX-License-Identifier: MIT
# The core tests that need no display, no network and no qkview binary: part of every test build, and the
# whole of the valgrind preset's. They run with LeakSanitizer on in the asan preset (which turns it off for
# Qt's GUI tests): a failed or cancelled model load must leak nothing.
function(qkview_core_tests name)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE qkview_core GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE QKVIEW_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1")
endfunction()

qkview_core_tests(core_tests
    core/attention_test.cpp
    core/attention_reference_test.cpp
    core/attention_trace_test.cpp
    core/word_tokenizer_test.cpp
    core/lexicon_test.cpp
    core/teaching_model_test.cpp
    core/trace_json_test.cpp
    core/step_by_step_test.cpp
    core/trace_export_test.cpp
    core/head_names_test.cpp
    core/lesson_test.cpp
)

# Safetensors, model folders and GPT-2 (fixtures from tests/data/gpt2/make_gpt2_fixtures.py).
qkview_core_tests(gpt2_tests
    core/safetensors_test.cpp
    core/gpt2_model_test.cpp
    core/llama_model_test.cpp
    core/bert_model_test.cpp
    core/reference_trace.h
    core/gpt2_test_folder.h
    core/model_folder_test.cpp
    core/parallel_for_test.cpp
    core/tiny_model_test.cpp
    core/hostile_input_test.cpp
    core/guesses_test.cpp
    core/lens_test.cpp
    core/rollout_cache_test.cpp
)
