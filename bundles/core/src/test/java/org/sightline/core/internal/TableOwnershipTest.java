package org.sightline.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Test;

/**
 * "Each table has one owning package": checks the code of every bundle against the table of owners in the
 * repository's {@code ARCHITECTURE.md}. Every table a migration creates has an owner there, and an SQL statement
 * in a string of a bundle's main code names a table ({@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE})
 * only in the package that owns it. Others call the owner's service.
 */
public class TableOwnershipTest {
    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern ROW = Pattern.compile("^\\|([^|]+)\\| `([a-z0-9_.]+)`");
    private static final Pattern NAME = Pattern.compile("`([a-z0-9_]+)`");
    private static final Pattern REMARK = Pattern.compile("\\([^)]*\\)");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern CREATE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z0-9_]+)", Pattern.CASE_INSENSITIVE);

    @Test
    public void everyTableHasOneOwnerAndOnlyItRunsSqlOnIt() throws IOException {
        Map<String, String> owners = owners();
        assertTrue("ARCHITECTURE.md lists the tables' owners: " + owners.keySet(), owners.size() > 30);
        Map<String, List<String>> wrong = new TreeMap<>();
        TreeSet<String> unlisted = new TreeSet<>();
        Map<String, Pattern> statements = new LinkedHashMap<>();
        owners.keySet().forEach(t -> statements.put(t,
                Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE)\\s+" + t + "\\b", Pattern.CASE_INSENSITIVE)));
        for (Path file : files(".java")) {
            String text = Files.readString(file);
            Matcher pkg = Pattern.compile("package ([\\w.]+);").matcher(text);
            String in = pkg.find() ? pkg.group(1) : "";
            Matcher s = STRING.matcher(text);
            while (s.find()) {
                owners.forEach((table, owner) -> {
                    if (!in.equals(owner) && statements.get(table).matcher(s.group(1)).find()) {
                        wrong.computeIfAbsent(table + " (owner " + owner + ")", k -> new ArrayList<>())
                                .add(ROOT.relativize(file).toString());
                    }
                });
            }
        }
        for (Path file : files(".sql")) {
            Matcher m = CREATE.matcher(Files.readString(file));
            while (m.find()) {
                if (!owners.containsKey(m.group(1).toLowerCase())) {
                    unlisted.add(m.group(1) + " (" + ROOT.relativize(file) + ")");
                }
            }
        }
        assertEquals("SQL on a table outside its owning package", Map.of(), wrong);
        assertEquals("tables with no owner in ARCHITECTURE.md", new TreeSet<>(), unlisted);
    }

    private static Map<String, String> owners() throws IOException {
        Map<String, String> owners = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(ROOT.resolve("ARCHITECTURE.md"))) {
            if (line.startsWith("## ")) {
                inTable = line.startsWith("## Who owns which table");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inTable && row.find()) {
                Matcher name = NAME.matcher(REMARK.matcher(row.group(1)).replaceAll(""));
                while (name.find()) {
                    owners.put(name.group(1), row.group(2));
                }
            }
        }
        return owners;
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> all = Files.walk(ROOT.resolve("bundles"))) {
            return all.filter(p -> p.toString().endsWith(suffix) && p.toString().contains("/src/main/")).toList();
        }
    }
}
