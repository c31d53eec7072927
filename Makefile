# sohoa — build, test, demo, benchmarks.
#
#   make            build build/sohoa (and the FTS5 extension), profile-guided
#                   (PGO=0: one plain build, for quick development)
#   make demo       install what is missing, build, run the pipeline on corpus/
#   make check      install what is missing, build with ASan+UBSan (and a
#                   ThreadSanitizer build for tests/e2e/threads.sh), run every test
#   make tsan       ingest the sample corpus with two threads under ThreadSanitizer
#   make bench      run the benchmarks (needs ../shared), rewrite BENCHMARKS.md
#   make model      rebuild models/ from ../shared/corpus and corpus/
#   make install    PREFIX=/usr/local DESTDIR=
#
# Several builds can live side by side: BUILD=build-x picks the directory
# (check uses build-asan and build-tsan). Layers link one way: cli → batch → stages → text →
# core; each unit-test binary links only its layer and those below it.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
SAN     ?= 0
SHARED  ?= ../shared

CC      ?= cc
# The OCR engine's libraries are linked into its module (sohoa_ocr.so), not
# into the executable: see src/cli/ocr_module.c.
CORE_PKGS = icu-uc icu-i18n libpcre2-8 sqlite3 jansson libcrypto zlib
OCR_PKGS  = tesseract lept poppler-glib cairo
PKGS     = $(CORE_PKGS) $(OCR_PKGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CORE_LIBS  = $(shell pkg-config --libs $(CORE_PKGS) 2>/dev/null)
OCR_LIBS   = $(shell pkg-config --libs $(OCR_PKGS) 2>/dev/null)

OPT      = -O2
SANFLAGS =
ifeq ($(SAN),1)
OPT      = -O1
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ifeq ($(SAN),thread)
OPT      = -O1
SANFLAGS = -fsanitize=thread -fno-omit-frame-pointer
endif

# Profile-guided optimisation of the release build (PGO=1, the default
# without sanitizers; PGO=0 for quick development builds): the objects are
# first built instrumented, the executable restores the sample documents
# (stripped of their marks, and garbled) with the shipped models, and the objects
# are built again with that profile, in the same paths (GCC tells a static
# function's profile by its object's path). On the restore bench's speed
# input: 7 % fewer instructions than plain -O2, output byte-identical
# (notes/restore-session34.md). The profile is made again whenever a source,
# a sample or a model changes, so a change costs two builds.
# GCC only (10 or later): another compiler builds without a profile.
CC_IS_GCC := $(shell $(CC) -v 2>&1 | grep -q '^gcc version' && echo 1 || echo 0)
PGO      ?= $(if $(filter 0,$(SAN)),$(CC_IS_GCC),0)
PGO_DATA  = $(abspath $(BUILD))/pgo-data
PGO_STAMP = $(BUILD)/pgo-data/profile.stamp
ifeq ($(PGO_STAGE),gen)
PROFILE_FLAGS = -fprofile-generate=$(PGO_DATA) -fprofile-update=single
PROFILE_LINK  = -fprofile-generate
else ifeq ($(PGO),1)
PROFILE_FLAGS = -fprofile-use=$(PGO_DATA) -fprofile-partial-training \
                -Wno-missing-profile -Wno-error=coverage-mismatch
endif

CFLAGS  ?= $(OPT) -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wno-unused-parameter -Iinclude \
             -DSOHOA_DATADIR='"$(PREFIX)/share/sohoa"' -DSOHOA_LIBDIR='"$(PREFIX)/lib/sohoa"' \
             $(PKG_CFLAGS) $(SANFLAGS) $(PROFILE_FLAGS) $(CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm

# --- layers -----------------------------------------------------------------
LAYERS = core text restore segment store ocr batch cli
SRC_core    = $(wildcard src/core/*.c)
SRC_text    = $(wildcard src/text/*.c)
SRC_restore = $(wildcard src/restore/*.c)
SRC_segment = $(wildcard src/segment/*.c)
SRC_store   = $(filter-out src/store/fts_extension.c,$(wildcard src/store/*.c))
SRC_ocr     = $(wildcard src/ocr/*.c)
SRC_batch   = $(wildcard src/batch/*.c)
SRC_cli     = $(wildcard src/cli/*.c)

obj = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(1))
OBJ_core    = $(call obj,$(SRC_core))
OBJ_text    = $(call obj,$(SRC_text)) $(OBJ_core)
OBJ_restore = $(call obj,$(SRC_restore)) $(OBJ_text)
OBJ_segment = $(call obj,$(SRC_segment)) $(OBJ_text)
OBJ_store   = $(call obj,$(SRC_store)) $(OBJ_text)
OBJ_ocr     = $(call obj,$(SRC_ocr)) $(OBJ_text)
OBJ_stages  = $(call obj,$(SRC_restore) $(SRC_segment) $(SRC_store) $(SRC_ocr)) $(OBJ_text)
OBJ_batch   = $(call obj,$(SRC_batch)) $(OBJ_stages)
OBJ_cli     = $(call obj,$(SRC_cli)) $(OBJ_batch)

# Unit tests: tests/unit/LAYER_*.c links the objects of LAYER and below.
UNIT_SRC  = $(wildcard tests/unit/*_*.c)
UNIT_BIN  = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
layer_of  = $(firstword $(subst _, ,$(notdir $(1))))

EXT = $(BUILD)/sohoa_fts.so

# The executable links every layer but the OCR engine, which it loads on
# first use from the module beside it (src/cli/ocr_module.c); the engine's
# options (src/ocr/ocr_opts.c) need no library and are linked in. The
# module's objects are position-independent; it finds text/ and core/ in
# the executable (-rdynamic) and binds its own functions to themselves
# (-Bsymbolic: the executable's forwarding functions have the same names).
SRC_ocr_engine = $(filter-out src/ocr/ocr_opts.c,$(SRC_ocr))
OBJ_exe    = $(filter-out $(call obj,$(SRC_ocr_engine)),$(OBJ_cli))
OCR_MODULE = $(BUILD)/sohoa_ocr.so
$(BUILD)/obj/ocr/%.o: ALL_CFLAGS += -fPIC

# The dictionaries as the restorer holds them (src/restore/dict_cache.c): a
# restorer reads them from here instead of parsing the text, as long as
# they and the model's vocabulary are those it was made from.
DICT_CACHE = models/dictionaries.bin

.PHONY: all tests demo check bench model install uninstall clean deps deps-bench fuzz valgrind tsan help
all: $(BUILD)/sohoa $(OCR_MODULE) $(if $(wildcard src/store/fts_extension.c),$(EXT)) $(DICT_CACHE)

$(DICT_CACHE): $(BUILD)/sohoa $(wildcard models/sohoa.lm) $(wildcard dictionaries/*.txt)
	$(BUILD)/sohoa lm dict-cache --model models --dict dictionaries --out $@

$(BUILD)/obj/%.o: src/%.c $(wildcard include/sohoa/*.h) $(wildcard src/*/*.h) \
                  $(if $(filter 1,$(PGO)),$(if $(PGO_STAGE),,$(PGO_STAMP)))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/sohoa: $(OBJ_exe)
	$(CC) $(SANFLAGS) $(PROFILE_LINK) -rdynamic -o $@ $^ $(CORE_LIBS) -ldl -lpthread -lm

$(OCR_MODULE): $(call obj,$(SRC_ocr_engine))
	$(CC) $(SANFLAGS) $(PROFILE_LINK) -shared -Wl,-Bsymbolic -o $@ $^ $(OCR_LIBS) -lpthread -lm

# The profile: the instrumented executable restores the sample documents
# stripped of their marks (scripts/make-stripped.sh; corpus/stripped's two
# when python3 is missing) and the garbled ones, then its objects are
# removed for the real build. Without the models (or if the run fails) the
# profile stays empty and the build is a plain one.
PGO_SOURCES = $(wildcard corpus/[0-9][0-9]-*.txt corpus/stripped/*.txt corpus/garbled/*.txt)
$(PGO_STAMP): $(wildcard src/*/*.c src/*/*.h include/sohoa/*.h) $(PGO_SOURCES) \
              $(wildcard models/sohoa.*) Makefile
	rm -rf $(PGO_DATA) $(BUILD)/obj $(BUILD)/sohoa $(BUILD)/pgo-samples
	$(MAKE) PGO_STAGE=gen $(BUILD)/sohoa
	mkdir -p $(PGO_DATA)
	scripts/make-stripped.sh $(BUILD)/pgo-samples > /dev/null 2>&1 || \
	  { mkdir -p $(BUILD)/pgo-samples/stripped && cp corpus/stripped/*.txt $(BUILD)/pgo-samples/stripped/; }
	if [ -f models/sohoa.lm ]; then \
	  $(BUILD)/sohoa restore --model models --dict dictionaries \
	    $(BUILD)/pgo-samples/stripped/*.txt $(wildcard corpus/garbled/*.txt) > /dev/null || \
	  echo "make: the profile's training run failed; building without it" >&2; \
	fi
	rm -rf $(BUILD)/obj $(BUILD)/sohoa
	touch $@

# The FTS5 tokenizer as a SQLite loadable extension (built position-independent).
$(EXT): src/store/fts_extension.c src/store/fts_tokenizer.c src/store/query_parse.c \
        src/store/query_match.c $(SRC_text) $(SRC_core)
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -fsanitize%,$(ALL_CFLAGS)) -fPIC -shared -o $@ $^ $(CORE_LIBS) -lm

tests: $(UNIT_BIN) $(BUILD)/sohoa $(OCR_MODULE) $(if $(wildcard src/store/fts_extension.c),$(EXT))

.SECONDEXPANSION:
$(BUILD)/tests/%: tests/unit/%.c tests/unit/harness.c tests/unit/harness.h $$(OBJ_$$(call layer_of,$$*))
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit -o $@ $< tests/unit/harness.c $(OBJ_$(call layer_of,$*)) $(LDLIBS_ALL)

deps:
	@scripts/install-deps.sh

deps-bench:
	@scripts/install-deps.sh bench

demo: deps
	$(MAKE) all
	scripts/demo.sh $(BUILD)/sohoa

check: deps
	$(MAKE) BUILD=build-asan SAN=1 tests
	$(MAKE) BUILD=build-tsan SAN=thread all
	tests/run.sh build-asan

# libFuzzer harnesses (fuzz/*.c) with ASan+UBSan in build-fuzz/, each run for
# FUZZ_SECONDS (600); FUZZ=name,name picks some. See FUZZING.md.
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SHARED=$(SHARED) fuzz/run.sh $(FUZZ)

# The sample corpus ingested by two worker threads under ThreadSanitizer.
tsan: deps
	$(MAKE) BUILD=build-tsan SAN=thread all
	scripts/tsan.sh build-tsan

# Every test under valgrind's memcheck, on a build without sanitizers.
valgrind: deps
	$(MAKE) BUILD=build-valgrind SAN=0 all tests
	scripts/valgrind.sh build-valgrind

bench: deps-bench all
	scripts/bench.sh $(BUILD)/sohoa $(SHARED)

model: all
	scripts/make-model.sh $(BUILD)/sohoa $(SHARED)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	           $(DESTDIR)$(PREFIX)/share/sohoa $(DESTDIR)$(PREFIX)/lib/sohoa
	install -m 755 $(BUILD)/sohoa $(DESTDIR)$(PREFIX)/bin/sohoa
	install -m 644 sohoa.1 $(DESTDIR)$(PREFIX)/share/man/man1/sohoa.1
	for d in rules dictionaries models; do \
	  install -d $(DESTDIR)$(PREFIX)/share/sohoa/$$d; \
	  find $$d -maxdepth 1 -type f ! -name '.*' -exec install -m 644 {} $(DESTDIR)$(PREFIX)/share/sohoa/$$d/ \; ; \
	done
	install -d $(DESTDIR)$(PREFIX)/share/sohoa/corpus  # the domain model's text, for `sohoa lm adapt`
	install -m 644 corpus/*.txt $(DESTDIR)$(PREFIX)/share/sohoa/corpus/
	install -m 644 $(OCR_MODULE) $(DESTDIR)$(PREFIX)/lib/sohoa/
	if [ -f $(EXT) ]; then install -m 644 $(EXT) $(DESTDIR)$(PREFIX)/lib/sohoa/; fi

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/sohoa $(DESTDIR)$(PREFIX)/share/man/man1/sohoa.1 \
	       $(DESTDIR)$(PREFIX)/share/sohoa $(DESTDIR)$(PREFIX)/lib/sohoa

clean:
	rm -rf build build-* demo.db demo.db-wal demo.db-shm

help:
	@sed -n '2,15p' Makefile
