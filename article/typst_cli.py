"""The three `typst` commands Quarto runs (`--version`, `fonts`, `compile`), served by the PyPI wheel `typst`.

Quarto's offline build on our machines has no typst binary and Debian packages none; the official Quarto release
bundles one, and there this file is not used. `make article` points `QUARTO_TYPST` at `article/typst`, which runs
this with the project's Python. Quarto puts options between the input and the output, so the arguments are read
as options (each with one value) and the positionals that remain."""
import os, sys, time
import typst

OPTIONS = ('--root', '--font-path', '--package-path', '--package-cache-path', '--pdf-standard')

def parse(args: list) -> tuple[dict, list]:
    "Options (a list of values each) and positionals; an unknown option is an error, not a silent drop."
    opts, pos, it = {}, [], iter(args)
    for a in it:
        if a in OPTIONS: opts.setdefault(a[2:].replace('-', '_'), []).append(next(it))
        elif a.startswith('--'): sys.exit(f'typst (typst-py wrapper): unsupported option {a}')
        else: pos.append(a)
    return opts, pos

def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ['--version']: return print(f'typst {typst.__version__} (the PyPI wheel typst-py)')
    cmd, (o, pos) = argv[:1], parse(argv[1:])
    fonts = o.get('font_path', [])
    if cmd == ['fonts']: return print('\n'.join(sorted(set(typst.Fonts(font_paths=fonts).families()))))
    if cmd != ['compile'] or not 1 <= len(pos) <= 2: sys.exit(f'typst (typst-py wrapper): cannot run {argv}')
    # SOURCE_DATE_EPOCH (reproducible builds) fixes the PDF's creation date, so a rerender is byte-identical
    stamp = int(os.environ.get('SOURCE_DATE_EPOCH', 0)) or int(time.time())
    one = lambda k: o.get(k, [None])[-1]
    try:
        typst.compile(pos[0], output=pos[1] if len(pos) > 1 else os.path.splitext(pos[0])[0] + '.pdf',
                      root=one('root'), font_paths=fonts, package_path=one('package_path'),
                      package_cache_path=one('package_cache_path'),
                      pdf_standards=one('pdf_standard').split(',') if one('pdf_standard') else [], timestamp=stamp)
    except typst.TypstError as e:
        sys.exit(f'typst: {e.message}\n{e.diagnostic}')

if __name__ == '__main__': main()
