import type { ProblemText } from './problem-text.ts';

/** Why the server (or the form) refused: a headline and each problem with the field it concerns, in Chinese. */
export function DeclarationProblems({ headline, problems }: { headline: string; problems: ProblemText[] }) {
  return (
    <div className="alert" role="alert">
      <strong>{headline}</strong>
      {problems.length ? (
        <ul>
          {problems.map((p) => (
            <li key={`${p.path}:${p.what}`}>
              <span className="problem-where">{p.where}</span>：{p.what}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
