/*
 * fuzz_intake.c - libFuzzer harness for reading intakes.
 *
 * Feeds arbitrary bytes to intake_parse_json. An accepted intake must pass
 * intake_validate (the reader may never let through what the checker
 * refuses), and its triage result, written as JSON, must read back; a
 * refused one must leave a one-line message. The built-in knowledge base
 * is loaded once, before the first input.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "engine/engine.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct kb *kb;

static void check(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e;

	(void)argc;
	(void)argv;
	kb = kb_load_builtin(&e);
	check(kb != NULL);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc doc;
	struct intake in;
	struct err e;

	json_doc_init(&doc);
	if (intake_parse_json(&in, (const char *)data, size, &doc, &e) == 0) {
		struct result r;
		struct strbuf out = STRBUF_INIT;

		check(intake_validate(&in, &e) == 0);
		engine_triage(kb, &in, &r);
		result_to_json(&r, kb, &out);
		check(json_parse(&doc, out.buf, out.len, NULL, &e) == 0);
		strbuf_release(&out);
	} else {
		check(e.code == ERR_DATA && e.msg[0] != '\0');
		check(strchr(e.msg, '\n') == NULL);
	}
	json_doc_release(&doc);
	return 0;
}
