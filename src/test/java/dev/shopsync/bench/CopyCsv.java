package dev.shopsync.bench;

/** Rows in the CSV that PostgreSQL's {@code COPY … (FORMAT csv)} reads: the benchmarks' ceiling. */
final class CopyCsv {

    private CopyCsv() {
    }

    /** Appends one row: every value quoted (null stays empty, i.e. NULL), quotes doubled. */
    static void row(StringBuilder csv, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            if (values[i] != null) {
                csv.append('"').append(values[i].toString().replace("\"", "\"\"")).append('"');
            }
        }
        csv.append('\n');
    }
}
