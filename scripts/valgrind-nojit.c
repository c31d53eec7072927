/* valgrind-nojit.c — for `make valgrind` only (scripts/valgrind.sh preloads
 * it): makes PCRE2's JIT compiler decline, so that the rules run in PCRE2's
 * interpreter. Memcheck cannot follow JIT-generated machine code and reports
 * every branch in it as depending on uninitialised memory; with the
 * interpreter it checks real code. sohoa already falls back to the
 * interpreter when JIT is unavailable (src/segment/rules.c). */
#include <stdint.h>

#define PCRE2_ERROR_JIT_BADOPTION (-45)

int pcre2_jit_compile_8(void *code, uint32_t options);

int pcre2_jit_compile_8(void *code, uint32_t options)
{
    (void)code;
    (void)options;
    return PCRE2_ERROR_JIT_BADOPTION;
}
