package org.lockdemo.report;

import static org.lockdemo.report.svg.Markup.escape;

import java.util.List;
import org.lockdemo.explain.Timeline;
import org.lockdemo.explain.TimelineReport;
import org.lockdemo.explain.picture.SwimlaneSvg;

/**
 * The report's section of explained schedules ({@code explain --format json} files given to
 * {@code lockdemo report}): one figure per schedule, its heading, lesson, the whole swimlane picture
 * (the report has no script, so no stepping: {@code explain --format html} steps), what happened
 * and the reference — so a race and the schedule that explains it sit on one page. Pure; stateless.
 */
final class ExplainedSchedules {
    private ExplainedSchedules() {
    }

    static void render(StringBuilder b, List<Timeline> schedules) {
        b.append("<h2>Explained schedules</h2>\n<p class=\"lead\">Each schedule ran one statement at a time on a real "
                + "database (lockdemo explain): a lane per session, time running down, a bar where a step waited "
                + "for another session's lock, the key row's version at the right.</p>\n");
        for (int i = 0; i < schedules.size(); i++) {
            Timeline t = schedules.get(i);
            b.append("<section class=\"overview schedule\" id=\"explain-").append(i + 1).append("\" data-scenario=\"")
                    .append(escape(t.scenario().name())).append("\">\n<h3>").append(escape(TimelineReport.heading(t)))
                    .append("</h3>\n");
            if (t.scenario().clustered()) {
                b.append("<p class=\"setup\">").append(escape(TimelineReport.nodes(t))).append("</p>\n");
            }
            b.append("<p><strong>Lesson:</strong> ").append(escape(t.scenario().lesson())).append("</p>\n")
                    .append("<div class=\"schedule-picture\">\n").append(SwimlaneSvg.inline(t)).append("</div>\n");
            t.stuck().ifPresent(why -> b.append("<p><strong>Stopped:</strong> ").append(escape(why)).append("</p>\n"));
            if (!t.scenario().explanation().isEmpty()) {
                b.append("<p>").append(escape(t.scenario().explanation())).append("</p>\n");
            }
            if (!t.scenario().reference().isEmpty()) {
                b.append("<p class=\"setup\">Reference: ").append(escape(t.scenario().reference())).append("</p>\n");
            }
            b.append("</section>\n");
        }
    }
}
