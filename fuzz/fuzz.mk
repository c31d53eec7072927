# fuzz/fuzz.mk — build the libFuzzer harnesses (fuzz/LAYER_topic.c) with
# clang, ASan and UBSan into build-fuzz/; `make fuzz` calls it through
# fuzz/run.sh, which also runs them. Like the unit tests, each harness links
# only its layer and those below it (cli → batch → stages → text → core), so
# one stage being rewritten does not stop the others from being fuzzed.
#
#   make -f fuzz/fuzz.mk [FUZZ_BUILD=build-fuzz] build-fuzz/text_syllable ...

FUZZ_BUILD ?= build-fuzz
FUZZ_CC    ?= clang
PKGS        = tesseract lept icu-uc icu-i18n libpcre2-8 sqlite3 jansson libcrypto poppler-glib cairo zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
FUZZ_SAN    = -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -O1 -g -gline-tables-only -Wall -Wextra -Wno-unused-parameter \
              -Iinclude -Isrc $(PKG_CFLAGS) $(FUZZ_SAN) -DSOHOA_DATADIR='"/usr/local/share/sohoa"'

fsrc = $(wildcard src/$(1)/*.c)
fobj = $(patsubst src/%.c,$(FUZZ_BUILD)/obj/%.o,$(1))
FOBJ_core    = $(call fobj,$(call fsrc,core))
FOBJ_text    = $(call fobj,$(call fsrc,text)) $(FOBJ_core)
FOBJ_restore = $(call fobj,$(call fsrc,restore)) $(FOBJ_text)
FOBJ_segment = $(call fobj,$(call fsrc,segment)) $(FOBJ_text)
FOBJ_store   = $(call fobj,$(filter-out src/store/fts_extension.c,$(call fsrc,store))) $(FOBJ_text)
FOBJ_ocr     = $(call fobj,$(call fsrc,ocr)) $(FOBJ_text)
# batch: only the ingest journal's reader and writer, which need only core
FOBJ_batch   = $(call fobj,src/batch/inflight.c) $(FOBJ_core)

HARNESS_SRC = $(wildcard fuzz/*_*.c)
HARNESSES   = $(patsubst fuzz/%.c,$(FUZZ_BUILD)/%,$(HARNESS_SRC))
flayer      = $(firstword $(subst _, ,$(notdir $(1))))

.PHONY: harnesses
.SECONDARY:
harnesses: $(HARNESSES)

# Library objects: coverage-instrumented, but without libFuzzer's main.
$(FUZZ_BUILD)/obj/%.o: src/%.c $(wildcard include/sohoa/*.h) $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

.SECONDEXPANSION:
$(FUZZ_BUILD)/%: fuzz/%.c fuzz/fuzz.h $$(FOBJ_$$(call flayer,$$*))
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FOBJ_$(call flayer,$*)) $(PKG_LIBS) -lpthread -lm
