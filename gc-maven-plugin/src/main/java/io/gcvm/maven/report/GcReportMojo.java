package io.gcvm.maven.report;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.reporting.AbstractMavenReport;
import org.apache.maven.reporting.MavenReportException;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A site report of the GC figures of the last {@code run}: per run the verdict, collections,
 * total and longest pause, bytes allocated, peak heap against the limit, live bytes after the
 * last collection and time, with totals, a summary of the failures at the top, and a chart of
 * the heap over each run (inline SVG: no script, nothing fetched). It reads the results files
 * {@code run} wrote under {@code target/gc-vm-reports} and runs nothing itself, so the
 * programs must have run earlier in the build ({@code mvn verify site}) or before it
 * ({@code mvn gc-vm:run site}). Without results files the page says so; the site build does
 * not fail.
 *
 * <pre>{@code
 * <reporting>
 *   <plugins>
 *     <plugin>
 *       <groupId>io.gcvm</groupId>
 *       <artifactId>gc-maven-plugin</artifactId>
 *       <reportSets>
 *         <reportSet>
 *           <reports>
 *             <report>report</report>
 *           </reports>
 *         </reportSet>
 *       </reportSets>
 *     </plugin>
 *   </plugins>
 * </reporting>
 * }</pre>
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.SITE, threadSafe = true)
public class GcReportMojo extends AbstractMavenReport {

    /** Where the {@code run} goal wrote its results files (its own {@code gcvm.reportsDirectory}). */
    @Parameter(property = "gcvm.reportsDirectory", defaultValue = "${project.build.directory}/gc-vm-reports")
    private File reportsDirectory;

    /** Leave the report out of the site. */
    @Parameter(property = "gcvm.report.skip", defaultValue = "false")
    private boolean skipReport;

    /**
     * The page's file name, without {@code .html}. A module with several results directories
     * (say, an in-process run and a forked one) gives each of its reports its own, in a
     * {@code <reportSet>} of its own.
     */
    @Parameter(defaultValue = GcReportRenderer.OUTPUT_NAME)
    private String outputName;

    /** The page's title: its heading and its name in the site's menu. */
    @Parameter(defaultValue = GcReportRenderer.TITLE)
    private String title;

    @Override
    public String getOutputName() {
        return outputName == null || outputName.isBlank() ? GcReportRenderer.OUTPUT_NAME : outputName;
    }

    @Override
    public String getName(Locale locale) {
        return title == null || title.isBlank() ? GcReportRenderer.TITLE : title;
    }

    @Override
    public String getDescription(Locale locale) {
        return "GC figures of the gc-vm programs run by gc-vm:run: verdicts, collections, pauses, allocation, peak "
                + "heap against the limit and live data, with a chart of the heap over each run.";
    }

    @Override
    public boolean canGenerateReport() {
        return !skipReport;
    }

    @Override
    protected void executeReport(Locale locale) throws MavenReportException {
        Path dir = reportsDirectory.toPath();
        GcResults results = ResultsReader.read(dir);
        String shown = display(dir);
        if (!results.exists()) {
            getLog().warn("gc-vm report: no results directory " + shown + " (run gc-vm:run before the site): "
                    + "the page says so");
        } else if (results.isEmpty()) {
            getLog().warn("gc-vm report: no results files in " + shown + ": the page says so");
        } else {
            getLog().info("gc-vm report: " + results.runs().size() + " run" + (results.runs().size() == 1 ? "" : "s")
                    + " from " + shown + (results.failedCount() > 0 ? ", " + results.failedCount() + " failed" : ""));
        }
        for (String p : results.problems()) getLog().warn("gc-vm report: " + p);
        new GcReportRenderer(getSink(), results, shown, getName(locale)).render();
    }

    private String display(Path p) {
        Path base = project == null ? null : project.getBasedir().toPath().toAbsolutePath();
        Path abs = p.toAbsolutePath();
        return base != null && abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/')
                : abs.toString();
    }
}
