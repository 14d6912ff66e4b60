/* ogictl: the operator's command line — migrations, bodies, users, tokens,
 * calendar import, report export.  Exit 0 on success, 1 on a user error
 * (one line on stderr), 2 on a usage error. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clients/cli/ctl.h"
#include "lib/db/audit.h"
#include "lib/db/bodies.h"
#include "lib/db/migrate.h"
#include "lib/db/sessions.h"
#include "lib/db/setup.h"
#include "lib/db/users.h"
#include "lib/domain.h"
#include "lib/password.h"
#include "lib/pgcluster/cluster.h"
#include "lib/secret.h"
#include "lib/spec.h"

/* Who ogictl's changes are audited as. */
static const struct ogi_actor operator= {0, "ogictl"};

static void usage(FILE *out)
{
	fprintf(
	    out,
	    "usage: ogictl [--database URL | --data-dir DIR] [--key-file FILE] COMMAND\n"
	    "  migrate                              apply pending migrations\n"
	    "  status                               applied and pending migrations\n"
	    "  body add NAME [--parent ID] [--code CODE]   prints the id\n"
	    "  user add NAME --role ROLE --body ID [--display-name TEXT] [--password-stdin]\n"
	    "  user passwd NAME [--password-stdin] sets a new password (printed when random)\n"
	    "  token create USERNAME [--label TEXT] prints the token\n"
	    "  calendar import FILE | calendar show YEAR | calendar unload YEAR\n"
	    "  report --year Y --body ID [--subtree] [--format 2021|2019|legacy]\n"
	    "         [--type json|csv|html|xlsx|md] [--output FILE]\n"
	    "  backup FILE                          the whole database, one snapshot (pg_dump)\n"
	    "  restore FILE [--clean]               into an empty database; --clean replaces\n"
	    "  audit [--entity E] [--since DATE] [--limit N]   the audit log, newest first\n"
	    "  casefile --year Y --body ID --output DIR   a ZIP per case closed in the year\n"
	    "                                       (档案移交; run again, it changes nothing)\n"
	    "  key status | key rotate [--batch N]  the personal-data keys: rows under each;\n"
	    "                                       a new sealing key, every row sealed again\n"
	    "  export --body ID [--subtree] --output FILE   everything of the body as JSON Lines\n"
	    "                                       (docs/export-format.md), files in FILE.files/\n"
	    "  import-export FILE [--into-nonempty] such a file into a fresh ogi, in one\n"
	    "                                       transaction\n"
	    "  import FILE --body ID [--dry-run] [--skip-invalid] [--mapping FILE.json]\n"
	    "         [--outcomes FILE.json] [--sheet NAME]   an office's register (.xlsx, .csv\n"
	    "                                       UTF-8/GBK): every row checked, the problems\n"
	    "                                       listed; all new rows in one transaction, none\n"
	    "                                       when a row has an error unless --skip-invalid\n"
	    "                                       (docs/register-import.md)\n"
	    "  remind [--now | --dry-run] [--smtp-url URL --smtp-from ADDR]\n"
	    "         [--smtp-credentials FILE]    today's e-mail digests: what became of them;\n"
	    "                                       --dry-run who would get what (nothing sent\n"
	    "                                       or recorded); --now send them now\n"
	    "--key-file FILE (or OGI_KEY_FILE; default DATA-DIR/ogi.key): ogid's key file, for\n"
	    "casefile, key, export, import-export and import.\n"
	    "OGI_DATABASE_URL stands for --database; without either, ogictl uses the embedded\n"
	    "cluster under --data-dir (default ./var), starting it if no ogid runs there.\n");
}

int ctl_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "ogictl: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

int ctl_usage(void)
{
	usage(stderr);
	return 2;
}

static int cmd_migrate(struct ctl *ctl, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return ctl_usage();
	char err[1024];
	int n = ogi_migrate_apply(ctl->db, stdout, err, sizeof err);
	if (n < 0)
		return ctl_fail("migration failed: %s", err);
	if (n == 0)
		printf("the schema is current; nothing to apply\n");
	/* the plaintext of before sealed, on a connection with the statements prepared */
	struct ctl prepared = *ctl;
	prepared.db = ogi_db_new(ctl->conninfo);
	int rc = ogi_db_ok(prepared.db)
	             ? ctl_seal_plain(&prepared)
	             : ctl_fail("cannot prepare statements: %s", ogi_db_message(prepared.db));
	ogi_db_free(prepared.db);
	return rc;
}

static int cmd_status(struct ctl *ctl, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return ctl_usage();
	struct ogi_migration_state st;
	if (!ogi_migrate_state(ctl->db, &st) || !ogi_migrate_print(ctl->db, stdout))
		return ctl_fail("cannot read schema_migrations: %s", ogi_db_message(ctl->db));
	printf("%d applied, %d pending%s\n", st.applied, st.pending,
	       st.unknown ? " (and versions this ogictl does not know: a newer release?)" : "");
	return 0;
}

struct body_add {
	long long parent_id;
	const char *name, *code;
	struct ogi_body out;
};

static int body_add_tx(struct ogi_db *db, void *cls)
{
	struct body_add *b = cls;
	int rc = ogi_db_body_insert(db, b->parent_id, b->name, b->code, &b->out);
	if (rc != 0)
		return rc;
	return ogi_db_audit_insert(db, &operator, "body", b->out.id, "create", NULL, NULL);
}

static int cmd_body(struct ctl *ctl, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[0], "add") != 0)
		return ctl_usage();
	struct body_add b = {.name = argv[1]};
	const char *parent = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--parent") == 0 && i + 1 < argc)
			parent = argv[++i];
		else if (strcmp(argv[i], "--code") == 0 && i + 1 < argc)
			b.code = argv[++i];
		else
			return ctl_usage();
	}
	if (parent != NULL && (b.parent_id = atoll(parent)) <= 0)
		return ctl_fail("--parent wants a body id");
	if (ogi_db_tx(ctl->db, "add body", body_add_tx, &b) != 0)
		return ctl_fail("cannot add body: %s", ogi_db_message(ctl->db));
	printf("%lld\n", b.out.id);
	return 0;
}

static bool read_password(char *out, size_t n)
{
	if (fgets(out, (int)n, stdin) == NULL)
		return false;
	out[strcspn(out, "\r\n")] = '\0';
	return out[0] != '\0';
}

/* A password for username from standard input (lib/password.h's rule), or
 * a random one of 20 characters; 0, or ctl_fail's status after saying why. */
static int new_password(bool from_stdin, const char *username, char *out, size_t n)
{
	if (!from_stdin) {
		ogi_password_new(out, 20);
		return 0;
	}
	if (!read_password(out, n))
		return ctl_fail("no password on standard input");
	enum ogi_password_flaw f = ogi_password_check(out, username);
	if (f != OGI_PW_OK)
		return ctl_fail("%s (%s)", ogi_password_flaw_en(f), ogi_password_flaw_code(f));
	return 0;
}

/* The id of the user called name; false after saying why on stderr. */
static bool user_id(struct ctl *ctl, const char *name, long long *id)
{
	struct ogi_login_user u;
	int rc = ogi_db_user_by_name(ctl->db, name, &u);
	if (rc == OGI_E_NOT_FOUND)
		ctl_fail("no user %s", name);
	else if (rc != 0)
		ctl_fail("%s", ogi_db_message(ctl->db));
	*id = u.id;
	return rc == 0;
}

struct password_reset {
	long long user_id;
	char hash[256];
};

/* The new hash, every session of the user ended and its tokens revoked, the
 * audit rows: together. */
static int password_reset_tx(struct ogi_db *db, void *cls)
{
	struct password_reset *r = cls;
	struct ogi_user_change ch = {.active = -1, .password_hash = r->hash};
	int revoked;
	int rc = ogi_db_user_update(db, r->user_id, &ch, NULL);
	if (rc == 0)
		rc = ogi_db_sessions_end_user(db, r->user_id, 0);
	if (rc == 0)
		rc = ogi_db_tokens_revoke_user(db, &operator, r->user_id, 0, "password reset",
		                               &revoked);
	if (rc != 0)
		return rc;
	json_t *v = json_pack("{s:s}", "password", "reset");
	rc = ogi_db_audit_insert(db, &operator, "user", r->user_id, "update", NULL, v);
	json_decref(v);
	return rc;
}

/* ogictl user passwd NAME [--password-stdin]: the operator's way back in when
 * an administrator's password is lost.  Ends the user's sessions and revokes
 * its API tokens. */
static int user_passwd(struct ctl *ctl, int argc, char **argv)
{
	bool from_stdin = false;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--password-stdin") == 0)
			from_stdin = true;
		else
			return ctl_usage();
	}
	char password[1100];
	int rc = new_password(from_stdin, argv[1], password, sizeof password);
	if (rc != 0)
		return rc;
	struct password_reset r;
	if (!user_id(ctl, argv[1], &r.user_id))
		return 1;
	if (!ogi_password_hash(password, r.hash, sizeof r.hash))
		return ctl_fail("out of memory");
	if (ogi_db_tx(ctl->db, "reset password", password_reset_tx, &r) != 0)
		return ctl_fail("cannot set the password: %s", ogi_db_message(ctl->db));
	if (!from_stdin)
		printf("password: %s\n", password);
	return 0;
}

struct user_add {
	const char *name, *display_name, *password;
	enum ogi_role role;
	long long body_id, id;
	char err[512];
};

static int user_add_tx(struct ogi_db *db, void *cls)
{
	struct user_add *u = cls;
	return ogi_user_add(db, u->name, u->display_name, u->password, u->role,
	                    u->body_id, operator.name, &u->id, u->err, sizeof u->err);
}

static int cmd_user(struct ctl *ctl, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[0], "passwd") == 0)
		return user_passwd(ctl, argc, argv);
	if (argc < 2 || strcmp(argv[0], "add") != 0)
		return ctl_usage();
	const char *name = argv[1], *role = NULL, *body = NULL, *display_name = NULL;
	bool from_stdin = false;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strcmp(argv[i], "--body") == 0 && i + 1 < argc)
			body = argv[++i];
		else if (strcmp(argv[i], "--display-name") == 0 && i + 1 < argc)
			display_name = argv[++i];
		else if (strcmp(argv[i], "--password-stdin") == 0)
			from_stdin = true;
		else
			return ctl_usage();
	}
	if (role == NULL || body == NULL)
		return ctl_usage();
	int r = ogi_enum_parse(ogi_role_names, role);
	if (r < 0)
		return ctl_fail("--role must be one of auditor, clerk, handler, approver, admin");
	/* the API's rule for display_name: up to 100 characters of UTF-8 */
	if (display_name != NULL && (!utf8_valid(display_name, strlen(display_name)) ||
	                             utf8_chars(display_name, strlen(display_name)) > 100))
		return ctl_fail("--display-name must be UTF-8 text of at most 100 characters");
	char password[1100];
	int rc = new_password(from_stdin, name, password, sizeof password);
	if (rc != 0)
		return rc;
	struct user_add u = {.name = name,
	                     .display_name = display_name,
	                     .password = password,
	                     .role = (enum ogi_role)r,
	                     .body_id = atoll(body)};
	if (ogi_db_tx(ctl->db, "add user", user_add_tx, &u) != 0)
		return ctl_fail("cannot add user: %s", u.err[0] ? u.err : ogi_db_message(ctl->db));
	printf("%lld\n", u.id);
	if (!from_stdin)
		printf("password: %s\n", password);
	return 0;
}

struct token_add {
	long long user_id;
	const char *label;
	char hash[OGI_TOKEN_HASH_HEX];
	struct ogi_token out;
};

static int token_add_tx(struct ogi_db *db, void *cls)
{
	struct token_add *t = cls;
	return ogi_db_token_create(db, &operator, t->hash, t->user_id, t->label, &t->out);
}

static int cmd_token(struct ctl *ctl, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[0], "create") != 0)
		return ctl_usage();
	const char *label = "ogictl";
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--label") == 0 && i + 1 < argc)
			label = argv[++i];
		else
			return ctl_usage();
	}
	struct token_add t = {.label = label};
	if (!user_id(ctl, argv[1], &t.user_id))
		return 1;
	char token[OGI_TOKEN_LEN + 1];
	ogi_token_new(token);
	ogi_token_hash(token, strlen(token), t.hash);
	if (ogi_db_tx(ctl->db, "create token", token_add_tx, &t) != 0)
		return ctl_fail("cannot store the token: %s", ogi_db_message(ctl->db));
	printf("%s\n", token);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(struct ctl *, int, char **);
	bool needs_current_schema;
} commands[] = {
    {"migrate", cmd_migrate, false},  {"status", cmd_status, false},
    {"body", cmd_body, true},         {"user", cmd_user, true},
    {"token", cmd_token, true},       {"calendar", cmd_calendar, true},
    {"report", cmd_report, true},     {"backup", cmd_backup, false},
    {"restore", cmd_restore, false},  {"audit", cmd_audit, true},
    {"casefile", cmd_casefile, true}, {"key", cmd_key, true},
    {"export", cmd_export, true},     {"import-export", cmd_import_export, true},
    {"remind", cmd_remind, true},     {"import", cmd_import, true},
};

/* lib/db's own lines and the embedded cluster's notes go to the operator's terminal */
static void db_log(const char *line)
{
	fprintf(stderr, "%s\n", line);
}

int main(int argc, char **argv)
{
	ogi_db_set_logger(db_log);
	ogi_cluster_set_logger(db_log);
	const char *database = getenv("OGI_DATABASE_URL"), *data_dir = "./var",
	           *key_file = getenv("OGI_KEY_FILE");
	static const struct option opts[] = {
	    {"database", required_argument, NULL, 'd'},
	    {"data-dir", required_argument, NULL, 'D'},
	    {"key-file", required_argument, NULL, 'K'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int opt;
	while ((opt = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			database = optarg;
			break;
		case 'D':
			data_dir = optarg;
			break;
		case 'K':
			key_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			return ctl_usage();
		}
	}
	if (optind >= argc)
		return ctl_usage();
	const char *name = argv[optind];
	size_t i;
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			break;
	if (i == sizeof commands / sizeof commands[0])
		return ctl_usage();
	if (!ogi_secret_init())
		return ctl_fail("cannot initialise libsodium");
	setenv("PGCONNECT_TIMEOUT", "5", 0);
	setenv("PGAPPNAME", "ogictl", 0);

	struct ctl ctl = {0};
	struct ogi_cluster cluster = {.lock_fd = -1};
	bool own_cluster = false;
	char err[1024];
	if (database == NULL || *database == '\0') {
		if (!ogi_cluster_attach(&cluster, data_dir)) {
			if (!ogi_cluster_start(&cluster, data_dir, err, sizeof err))
				return ctl_fail("%s", err);
			own_cluster = true;
		}
		database = cluster.conninfo;
	}
	ctl.conninfo = database;
	char key_path[4200];
	snprintf(key_path, sizeof key_path, "%s", key_file ? key_file : "");
	if (key_file == NULL || *key_file == '\0')
		snprintf(key_path, sizeof key_path, "%s/ogi.key", data_dir);
	ctl.key_file = key_path;
	ctl.db = ogi_db_new_unprepared(database);
	int rc;
	if (!ogi_db_ok(ctl.db)) {
		rc = ctl_fail("cannot connect to the database: %s", ogi_db_message(ctl.db));
		goto out;
	}
	if (commands[i].needs_current_schema) {
		if (own_cluster && ogi_migrate_apply(ctl.db, NULL, err, sizeof err) < 0) {
			rc = ctl_fail("migration failed: %s", err);
			goto out;
		}
		if (!ogi_schema_current(ctl.db)) {
			rc = ctl_fail("the database schema is not current: run ogictl migrate");
			goto out;
		}
		ogi_db_free(ctl.db);
		ctl.db = ogi_db_new(database);
		if (!ogi_db_ok(ctl.db)) {
			rc = ctl_fail("cannot prepare statements: %s", ogi_db_message(ctl.db));
			goto out;
		}
	}
	rc = commands[i].run(&ctl, argc - optind - 1, argv + optind + 1);
out:
	ogi_db_free(ctl.db);
	if (own_cluster)
		ogi_cluster_stop(&cluster);
	return rc;
}
