/* test_replay.c — the replay script parser: every command, and the typos
 * that must fail with their line number instead of playing something else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"
#include "test_support.h"

static replay_script *parse_ok(const char *text)
{
	replay_script *script = NULL;
	char error[300];
	status result = replay_parse(text, strlen(text), &script, error, sizeof(error));
	if (result != STATUS_OK) {
		fail_msg("refused: %s", error);
	}
	return script;
}

static void expect_refusal(const char *text, status expected, const char *reason_part)
{
	replay_script *script = (replay_script *)1;
	char error[300];
	assert_int_equal(replay_parse(text, strlen(text), &script, error, sizeof(error)), expected);
	assert_null(script);
	if (!strstr(error, reason_part)) {
		fail_msg("reason \"%s\" lacks \"%s\"", error, reason_part);
	}
}

static void test_every_command(void **context)
{
	(void)context;
	replay_script *script = parse_ok("# comment\n"
	                                 "\n"
	                                 "tap 10 20\r\n"
	                                 "  tap \"Tik om te beginnen\"\n"
	                                 "drag 1 2 3 4 250\n"
	                                 "wait 76000\n"
	                                 "shot 01-attract_screen\n"
	                                 "expect \"Vraag 1 van 9\"\n"
	                                 "expect-not \"check_circle\"\n"
	                                 "key escape\n"
	                                 "key ctrl-q\n"
	                                 "key alt-f4\n"
	                                 "close\n"
	                                 "check-layout\n"
	                                 "tap \"Een \\\"label\\\" met \\\\\"");
	assert_int_equal(replay_count(script), 13);
	const replay_step *step = replay_at(script, 0);
	assert_int_equal(step->kind, REPLAY_TAP_POINT);
	assert_int_equal(step->x1, 10);
	assert_int_equal(step->y1, 20);
	assert_int_equal(step->line, 3);
	step = replay_at(script, 1);
	assert_int_equal(step->kind, REPLAY_TAP_LABEL);
	assert_string_equal(step->text, "Tik om te beginnen");
	step = replay_at(script, 2);
	assert_int_equal(step->kind, REPLAY_DRAG);
	assert_int_equal(step->x2, 3);
	assert_int_equal(step->y2, 4);
	assert_int_equal(step->milliseconds, 250);
	assert_int_equal(replay_at(script, 3)->milliseconds, 76000);
	assert_string_equal(replay_at(script, 4)->text, "01-attract_screen");
	assert_int_equal(replay_at(script, 5)->kind, REPLAY_EXPECT);
	assert_int_equal(replay_at(script, 6)->kind, REPLAY_EXPECT_NOT);
	assert_int_equal(replay_at(script, 7)->key, REPLAY_KEY_ESCAPE);
	assert_int_equal(replay_at(script, 8)->key, REPLAY_KEY_CTRL_Q);
	assert_int_equal(replay_at(script, 9)->key, REPLAY_KEY_ALT_F4);
	assert_int_equal(replay_at(script, 10)->kind, REPLAY_CLOSE);
	assert_int_equal(replay_at(script, 11)->kind, REPLAY_CHECK_LAYOUT);
	assert_string_equal(replay_at(script, 12)->text, "Een \"label\" met \\");
	replay_free(script);
}

static void test_typos_fail_with_their_line(void **context)
{
	(void)context;
	expect_refusal("wait 10\ntap 10\n", STATUS_INVALID, "line 2");
	expect_refusal("tapp 1 2\n", STATUS_INVALID, "line 1: unknown command");
	expect_refusal("tap 1 2 3\n", STATUS_INVALID, "unexpected text");
	expect_refusal("tap -1 5\n", STATUS_INVALID, "line 1");
	expect_refusal("wait 1e3\n", STATUS_INVALID, "line 1");
	expect_refusal("wait 86400001\n", STATUS_INVALID, "line 1");
	expect_refusal("drag 1 2 3 4 0\n", STATUS_INVALID, "MS 1..60000");
	expect_refusal("tap \"open\n", STATUS_INVALID, "line 1");
	expect_refusal("tap \"\"\n", STATUS_INVALID, "line 1");
	expect_refusal("expect \"bad \\x escape\"\n", STATUS_INVALID, "line 1");
	expect_refusal("shot ../../etc/passwd\n", STATUS_INVALID, "NAME");
	expect_refusal("shot a.b\n", STATUS_INVALID, "NAME");
	expect_refusal("key f5\n", STATUS_INVALID, "escape, ctrl-q or alt-f4");
	expect_refusal("close now\n", STATUS_INVALID, "unexpected text");
	const char with_nul[] = "tap 1 2\nwait \0 5\n";
	replay_script *script = NULL;
	char error[200];
	assert_int_equal(
	    replay_parse(with_nul, sizeof(with_nul) - 1, &script, error, sizeof(error)),
	    STATUS_INVALID);
	assert_non_null(strstr(error, "line 2"));
}

static void test_size_limits(void **context)
{
	(void)context;
	char *large = malloc(REPLAY_MAX_FILE_BYTES + 2);
	assert_non_null(large);
	memset(large, '#', REPLAY_MAX_FILE_BYTES + 1);
	large[REPLAY_MAX_FILE_BYTES + 1] = '\0';
	replay_script *script = NULL;
	char error[200];
	assert_int_equal(
	    replay_parse(large, REPLAY_MAX_FILE_BYTES + 1, &script, error, sizeof(error)),
	    STATUS_TOO_LARGE);
	assert_null(script);
	free(large);
	char label[REPLAY_MAX_TEXT_BYTES + 20];
	memset(label, 'a', sizeof(label));
	memcpy(label, "tap \"", 5);
	label[sizeof(label) - 2] = '"';
	label[sizeof(label) - 1] = '\0';
	expect_refusal(label, STATUS_INVALID, "at most 255 bytes");
}

static void test_load_file(void **context)
{
	(void)context;
	char directory[4096], path[4200];
	test_make_temp_dir(directory, sizeof(directory));
	snprintf(path, sizeof(path), "%s/script.txt", directory);
	test_write_file(path, "tap 5 5\nshot done\n", 18);
	replay_script *script = NULL;
	char error[300];
	assert_int_equal(replay_load_file(path, &script, error, sizeof(error)), STATUS_OK);
	assert_int_equal(replay_count(script), 2);
	replay_free(script);
	snprintf(path, sizeof(path), "%s/missing.txt", directory);
	assert_int_equal(replay_load_file(path, &script, error, sizeof(error)), STATUS_NOT_FOUND);
	assert_null(script);
	test_remove_tree(directory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_command),
	    cmocka_unit_test(test_typos_fail_with_their_line),
	    cmocka_unit_test(test_size_limits),
	    cmocka_unit_test(test_load_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
