import { PEOPLE_FILE, SITE_CONFIG_FILE } from "../../paths/project-files.ts";
import { during } from "../../problems/describe-error.ts";
import { formatProblem, hasErrors, inReadingOrder } from "../../problems/problem.ts";
import { isLoaded, loadProject } from "../../project/load-project.ts";
import { mergeTagProblems } from "../../send/render-issue.ts";
import type { Command } from "../commands.ts";
import { commandLine } from "../invocation.ts";

export const check: Command = {
  options: { root: { type: "string" } },
  async run(values) {
    const root = String(values.root ?? process.cwd());
    const project = await during("checking the project", root, () => loadProject(root));
    // Text the configured mail service would read as its own merge tag: a warning, not an error.
    const problems = isLoaded(project) ? inReadingOrder([...project.problems, ...(await mergeTagProblems(project, project.allEpisodes))], [SITE_CONFIG_FILE, PEOPLE_FILE]) : project.problems;
    for (const problem of problems) console.error(formatProblem(problem));
    const errors = problems.filter((problem) => problem.severity === "error").length;
    const warnings = problems.length - errors;
    const episodes = "allEpisodes" in project ? project.allEpisodes.length : 0;
    console.log(
      hasErrors(problems)
        ? `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}: fix the errors above, then run ${commandLine(root, "check")} again`
        : `${episodes} episode${episodes === 1 ? "" : "s"} checked: no errors${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
    );
    return hasErrors(problems) ? 1 : 0;
  },
};
