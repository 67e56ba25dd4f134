#!/usr/bin/env python3
"""Loads a lab dataset into a running server with the system's own tool and prints MB/s.

Used by scripts/perf-native.sh: the input files for each tool are prepared first (not timed), then
each load runs --repeat times into a fresh table / key prefix / bucket and its wall time is taken
around the tool's process. MB = 10^6 bytes of the dataset's files, as in the lab.

  native_load.py SYSTEM DATASET_DIR WORK_DIR [--repeat N]     (SYSTEM: postgresql, mariadb, redis, s3)

Endpoints come from the DEDUP_<SYS>_URL / _USER / _PASSWORD variables that `benchmarks.jar serve` wrote.
"""
import json, os, re, struct, subprocess, sys, time, uuid


def files(dataset):
    manifest = json.load(open(os.path.join(dataset, "manifest.json")))
    for f in manifest["files"]:
        with open(os.path.join(dataset, f["name"]), "rb") as h:
            yield f["name"], h.read()


def host_port(url):
    m = re.search(r"://(?:[^@/]*@)?([^/:?]+):(\d+)", url)
    if not m:
        sys.exit("cannot read host and port from " + url)
    return m.group(1), m.group(2)


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, **kw)
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s%s" % (p.returncode, " ".join(cmd), p.stdout.decode(errors="replace"),
                                           p.stderr.decode(errors="replace")))
    return p


def timed(cmd, **kw):
    t0 = time.perf_counter()
    run(cmd, **kw)
    return time.perf_counter() - t0


class Postgres:
    """psql \\copy ... (format binary): the PGCOPY file holds (name, data) tuples, the lab's plain table shape."""
    def __init__(self, work):
        host, port = host_port(os.environ["DEDUP_PG_URL"])
        self.conn = "postgresql://%s@%s:%s/postgres" % (os.environ.get("DEDUP_PG_USER") or "postgres", host, port)
        self.file = os.path.join(work, "pg.copy")

    def prepare(self, dataset):
        with open(self.file, "wb") as out:
            out.write(b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0))
            for name, data in files(dataset):
                n = name.encode()
                out.write(struct.pack(">hi", 2, len(n)) + n + struct.pack(">i", len(data)) + data)
            out.write(struct.pack(">h", -1))

    def load(self):
        env = dict(os.environ, PGPASSWORD=os.environ.get("DEDUP_PG_PASSWORD", ""))
        run(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.conn, "-c", "DROP TABLE IF EXISTS native_files",
             "-c", "CREATE TABLE native_files (name text PRIMARY KEY, data bytea)"], env=env)
        return timed(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.conn, "-c",
                      "\\copy native_files FROM '%s' WITH (FORMAT binary)" % self.file], env=env)


class MariaDb:
    """LOAD DATA LOCAL INFILE of a tab-separated file with the blobs backslash-escaped, into the lab's table shape."""
    def __init__(self, work):
        host, port = host_port(os.environ["DEDUP_MARIADB_URL"])
        self.base = ["mariadb", "-h", "127.0.0.1" if host == "localhost" else host, "-P", port,
                     "-u", os.environ.get("DEDUP_MARIADB_USER") or "root", "--local-infile=1"]
        self.env = dict(os.environ, MYSQL_PWD=os.environ.get("DEDUP_MARIADB_PASSWORD", ""))
        self.file = os.path.join(work, "mariadb.tsv")

    @staticmethod
    def escape(b):
        return b.replace(b"\\", b"\\\\").replace(b"\t", b"\\t").replace(b"\n", b"\\n").replace(b"\0", b"\\0")

    def prepare(self, dataset):
        with open(self.file, "wb") as out:
            for name, data in files(dataset):
                out.write(self.escape(name.encode()) + b"\t" + self.escape(data) + b"\n")

    def load(self):
        # the lab's database: the embedded server's lab user may create tables there and nowhere else
        run(self.base + ["-e", "CREATE DATABASE IF NOT EXISTS dedup_lab; DROP TABLE IF EXISTS dedup_lab.native_files;"
                         " CREATE TABLE dedup_lab.native_files (name VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY,"
                         " data LONGBLOB NOT NULL) ENGINE=InnoDB ROW_FORMAT=DYNAMIC"], env=self.env)
        return timed(self.base + ["-e", "LOAD DATA LOCAL INFILE '%s' INTO TABLE dedup_lab.native_files CHARACTER SET binary"
                                  " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' (name, data)"
                                  % self.file], env=self.env)


class Redis:
    """redis-cli --pipe of a RESP file of SETs."""
    def __init__(self, work):
        host, port = host_port(os.environ["DEDUP_REDIS_URL"])
        self.base = ["redis-cli", "-h", host, "-p", port]
        self.env = dict(os.environ, REDISCLI_AUTH=os.environ.get("DEDUP_REDIS_PASSWORD", ""))
        self.file = os.path.join(work, "redis.resp")

    def prepare(self, dataset):
        def bulk(b):
            return b"$%d\r\n%s\r\n" % (len(b), b)
        with open(self.file, "wb") as out:
            for name, data in files(dataset):
                out.write(b"*3\r\n" + bulk(b"SET") + bulk(b"dedup_native:" + name.encode()) + bulk(data))

    def load(self):
        run(self.base + ["FLUSHALL"], env=self.env)
        with open(self.file, "rb") as f:
            return timed(self.base + ["--pipe"], stdin=f, env=self.env)


class S3:
    """aws s3 cp --recursive (awscli: 10 concurrent requests by default) into a fresh bucket."""
    def __init__(self, work):
        self.url = os.environ["DEDUP_S3_URL"]
        self.env = dict(os.environ, AWS_ACCESS_KEY_ID=os.environ.get("DEDUP_S3_USER", ""),
                        AWS_SECRET_ACCESS_KEY=os.environ.get("DEDUP_S3_PASSWORD", ""), AWS_DEFAULT_REGION="us-east-1",
                        # newer clients add checksum headers that S3Proxy answers with NotImplemented
                        AWS_REQUEST_CHECKSUM_CALCULATION="when_required", AWS_RESPONSE_CHECKSUM_VALIDATION="when_required")
        self.aws = os.environ.get("AWS_CLI", "aws")
        self.dir = None

    def prepare(self, dataset):
        self.dir = dataset

    def load(self):
        bucket = "s3://native-" + uuid.uuid4().hex[:12]
        run([self.aws, "--endpoint-url", self.url, "s3", "mb", bucket], env=self.env)
        return timed([self.aws, "--endpoint-url", self.url, "s3", "cp", "--recursive", "--quiet", "--exclude", "manifest.json",
                      self.dir, bucket + "/"], env=self.env)


def main():
    args = sys.argv[1:]
    repeat = 3
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 3 or args[0] not in ("postgresql", "mariadb", "redis", "s3"):
        sys.exit(__doc__)
    system, dataset, work = args
    tool = {"postgresql": Postgres, "mariadb": MariaDb, "redis": Redis, "s3": S3}[system](work)
    tool.prepare(dataset)
    total = sum(size for size in (len(d) for _, d in files(dataset)))
    rates = [total / 1e6 / tool.load() for _ in range(repeat)]
    print(json.dumps({"system": system, "bytes": total, "mbps": rates}))


if __name__ == "__main__":
    main()
