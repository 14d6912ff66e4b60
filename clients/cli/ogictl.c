/* ogictl: the operator's command line — migrations, bodies, users, tokens,
 * calendar import, report export.  Exit 0 on success, 1 on a user error
 * (one line on stderr), 2 on a usage error. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/pgcluster/cluster.h"
#include "clients/cli/ctl.h"
#include "lib/db/audit.h"
#include "lib/domain.h"
#include "lib/db/migrate.h"
#include "lib/secret.h"
#include "lib/db/setup.h"
#include "lib/db/setup.h"
#include "lib/spec.h"

/* Who ogictl's changes are audited as. */
static const struct ogi_actor operator = {0, "ogictl"};

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ogictl [--database URL | --data-dir DIR] COMMAND\n"
		"  migrate                              apply pending migrations\n"
		"  status                               applied and pending migrations\n"
		"  body add NAME [--parent ID] [--code CODE]   prints the id\n"
		"  user add NAME --role ROLE --body ID [--password-stdin]\n"
		"  user passwd NAME [--password-stdin] sets a new password (printed when random)\n"
		"  token create USERNAME [--label TEXT] prints the token\n"
		"  calendar import FILE | calendar show YEAR | calendar unload YEAR\n"
		"  report --year Y --body ID [--subtree] [--format 2021|2019|legacy]\n"
		"         [--type json|csv|html|xlsx|md] [--output FILE]\n"
		"  backup FILE                          the whole database, one snapshot (pg_dump)\n"
		"  restore FILE [--clean]               into an empty database; --clean replaces\n"
		"  audit [--entity E] [--since DATE] [--limit N]   the audit log, newest first\n"
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
	return 0;
}

static int cmd_status(struct ctl *ctl, int argc, char **argv)
{
	(void)argv;
	if (argc != 0)
		return ctl_usage();
	struct ogi_migration_state st;
	if (!ogi_migrate_state(ctl->db, &st) || !ogi_migrate_print(ctl->db, stdout))
		return ctl_fail("cannot read schema_migrations: %s", PQerrorMessage(ctl->db->conn));
	printf("%d applied, %d pending%s\n", st.applied, st.pending,
	       st.unknown ? " (and versions this ogictl does not know: a newer release?)" : "");
	return 0;
}

static int cmd_body(struct ctl *ctl, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[0], "add") != 0)
		return ctl_usage();
	const char *name = argv[1], *parent = NULL, *code = NULL;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--parent") == 0 && i + 1 < argc)
			parent = argv[++i];
		else if (strcmp(argv[i], "--code") == 0 && i + 1 < argc)
			code = argv[++i];
		else
			return ctl_usage();
	}
	if (parent != NULL && atoll(parent) <= 0)
		return ctl_fail("--parent wants a body id");
	const char *p[] = {parent, name, code};
	PGresult *res;
	if (ogi_db_exec(ctl->db, "body_insert", 3, p, &res) < 0)
		return ctl_fail("cannot add body: %s", ctl->db->message);
	printf("%s\n", ogi_db_str(res, 0, 0));
	ogi_db_audit_insert(ctl->db, &operator, "body", ogi_db_int(res, 0, 0), "create", NULL, NULL);
	PQclear(res);
	return 0;
}

static bool read_password(char *out, size_t n)
{
	if (fgets(out, (int)n, stdin) == NULL)
		return false;
	out[strcspn(out, "\r\n")] = '\0';
	return out[0] != '\0';
}

/* The id of the user called name, as text for a statement's parameter;
 * false after saying why on stderr. */
static bool user_id(struct ctl *ctl, const char *name, char *uid, size_t len)
{
	const char *p[] = {name};
	PGresult *res;
	if (ogi_db_exec(ctl->db, "user_by_name", 1, p, &res) < 0) {
		ctl_fail("%s", ctl->db->message);
		return false;
	}
	bool found = PQntuples(res) == 1;
	if (found)
		snprintf(uid, len, "%s", ogi_db_str(res, 0, 0));
	else
		ctl_fail("no user %s", name);
	PQclear(res);
	return found;
}

/* ogictl user passwd NAME [--password-stdin]: the operator's way back in when
 * an administrator's password is lost.  Ends the user's sessions. */
static int user_passwd(struct ctl *ctl, int argc, char **argv)
{
	bool from_stdin = false;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--password-stdin") == 0)
			from_stdin = true;
		else
			return ctl_usage();
	}
	char password[1100], hash[256];
	if (from_stdin) {
		if (!read_password(password, sizeof password))
			return ctl_fail("no password on standard input");
		if (!ogi_password_long_enough(password))
			return ctl_fail("the password needs at least %d characters",
					OGI_PASSWORD_MIN_CHARS);
	} else {
		ogi_password_new(password, 20);
	}
	char uid[24];
	if (!user_id(ctl, argv[1], uid, sizeof uid))
		return 1;
	if (!ogi_password_hash(password, hash, sizeof hash))
		return ctl_fail("out of memory");
	const char *set[] = {uid, NULL, NULL, hash};
	const char *end[] = {uid, NULL};
	json_t *reset = json_pack("{s:s}", "password", "reset");
	bool ok = ogi_db_sql(ctl->db, "BEGIN") >= 0 &&
		  ogi_db_exec(ctl->db, "user_update", 4, set, NULL) >= 0 &&
		  ogi_db_exec(ctl->db, "sessions_end_user", 2, end, NULL) >= 0 &&
		  ogi_db_audit_insert(ctl->db, &operator, "user", atoll(uid), "update", NULL,
				      reset) == 0 &&
		  ogi_db_sql(ctl->db, "COMMIT") >= 0;
	json_decref(reset);
	if (!ok)
		return ctl_fail("cannot set the password: %s", ctl->db->message);
	if (!from_stdin)
		printf("password: %s\n", password);
	return 0;
}

static int cmd_user(struct ctl *ctl, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[0], "passwd") == 0)
		return user_passwd(ctl, argc, argv);
	if (argc < 2 || strcmp(argv[0], "add") != 0)
		return ctl_usage();
	const char *name = argv[1], *role = NULL, *body = NULL;
	bool from_stdin = false;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strcmp(argv[i], "--body") == 0 && i + 1 < argc)
			body = argv[++i];
		else if (strcmp(argv[i], "--password-stdin") == 0)
			from_stdin = true;
		else
			return ctl_usage();
	}
	if (role == NULL || body == NULL)
		return ctl_usage();
	if (ogi_enum_parse(ogi_role_names, role) < 0)
		return ctl_fail("--role must be one of auditor, clerk, handler, approver, admin");
	char password[1100];
	if (from_stdin) {
		if (!read_password(password, sizeof password))
			return ctl_fail("no password on standard input");
		if (!ogi_password_long_enough(password))
			return ctl_fail("the password needs at least %d characters",
					OGI_PASSWORD_MIN_CHARS);
	} else {
		ogi_password_new(password, 20);
	}
	char err[512];
	if (ogi_db_sql(ctl->db, "BEGIN") < 0)
		return ctl_fail("%s", ctl->db->message);
	long long id = ogi_user_add(ctl->db, name, password, role, atoll(body), "ogictl", err,
				    sizeof err);
	if (id < 0) {
		ogi_db_sql(ctl->db, "ROLLBACK");
		return ctl_fail("cannot add user: %s", err);
	}
	if (ogi_db_sql(ctl->db, "COMMIT") < 0)
		return ctl_fail("%s", ctl->db->message);
	printf("%lld\n", id);
	if (!from_stdin)
		printf("password: %s\n", password);
	return 0;
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
	char uid[24];
	if (!user_id(ctl, argv[1], uid, sizeof uid))
		return 1;
	char token[OGI_TOKEN_LEN + 1], hash[OGI_TOKEN_HASH_HEX];
	ogi_token_new(token);
	ogi_token_hash(token, strlen(token), hash);
	char created_at[40];
	if (ogi_token_add(ctl->db, hash, atoll(uid), label, 0, "ogictl", created_at,
			  sizeof created_at) < 0)
		return ctl_fail("cannot store the token: %s", ctl->db->message);
	printf("%s\n", token);
	return 0;
}

static const struct {
	const char *name;
	int (*run)(struct ctl *, int, char **);
	bool needs_current_schema;
} commands[] = {
	{"migrate", cmd_migrate, false},
	{"status", cmd_status, false},
	{"body", cmd_body, true},
	{"user", cmd_user, true},
	{"token", cmd_token, true},
	{"calendar", cmd_calendar, true},
	{"report", cmd_report, true},
	{"backup", cmd_backup, false},
	{"restore", cmd_restore, false},
	{"audit", cmd_audit, true},
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
	const char *database = getenv("OGI_DATABASE_URL"), *data_dir = "./var";
	static const struct option opts[] = {
		{"database", required_argument, NULL, 'd'},
		{"data-dir", required_argument, NULL, 'D'},
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
	ctl.db = ogi_db_new_unprepared(database);
	int rc;
	if (!ogi_db_ok(ctl.db)) {
		rc = ctl_fail("cannot connect to the database: %s", ctl.db ? ctl.db->message : "");
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
			rc = ctl_fail("cannot prepare statements: %s", ctl.db->message);
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
