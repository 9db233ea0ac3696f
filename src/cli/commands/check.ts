import { during } from "../../problems/describe-error.ts";
import { formatProblem, hasErrors } from "../../problems/problem.ts";
import { loadProject } from "../../project/load-project.ts";
import type { Command } from "../commands.ts";

export const check: Command = {
  name: "check",
  summary: "report every problem in every episode, with file and line",
  options: { root: { type: "string" } },
  async run(values) {
    const root = String(values.root ?? process.cwd());
    const project = await during("checking the project", root, () => loadProject(root));
    for (const problem of project.problems) console.error(formatProblem(problem));
    const errors = project.problems.filter((problem) => problem.severity === "error").length;
    const warnings = project.problems.length - errors;
    const episodes = "allEpisodes" in project ? project.allEpisodes.length : 0;
    console.log(
      hasErrors(project.problems)
        ? `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}: fix the errors above, then run castpress check again`
        : `${episodes} episode${episodes === 1 ? "" : "s"} checked: no errors${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""}`,
    );
    return hasErrors(project.problems) ? 1 : 0;
  },
};
