#!/usr/bin/env python3
"""Keep a resx triple (neutral/English, .ar, .fr) in step.

  scripts/i18n.py add BASE "English key" "Arabic" "French"    add or update one key in all three files
  scripts/i18n.py bulk BASE FILE.tsv                           add many: lines of key<TAB>ar<TAB>fr
  scripts/i18n.py check                                        list keys missing in any language

BASE is the resx path without extension, e.g. src/Khidma.Web/Resources/SharedResource.
The key is the English text, so the neutral file holds key = value.
"""
import glob, os, sys
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
</root>
"""

def load(path):
    if not os.path.exists(path):
        return {}
    root = ET.parse(path).getroot()
    return {d.get('name'): (d.findtext('value') or '') for d in root.findall('data')}

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')

def save(path, entries):
    os.makedirs(os.path.dirname(path) or '.', exist_ok=True)
    lines = HEADER.rstrip().split('\n')[:-1]
    for k in sorted(entries, key=str.lower):
        lines.append(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(entries[k])}</value></data>')
    lines.append('</root>')
    with open(path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines) + '\n')

def add_many(base, rows):
    files = {'en': base + '.resx', 'ar': base + '.ar.resx', 'fr': base + '.fr.resx'}
    data = {lang: load(p) for lang, p in files.items()}
    for key, ar, fr in rows:
        data['en'][key] = key
        data['ar'][key] = ar
        data['fr'][key] = fr
    for lang, p in files.items():
        save(p, data[lang])

def check():
    groups = {}
    for f in glob.glob('src/**/*.resx', recursive=True):
        if '/bin/' in f or '/obj/' in f:
            continue
        parts = f[:-5].rsplit('.', 1)
        base, lang = (parts[0], parts[1]) if len(parts) == 2 and len(parts[1]) == 2 else (f[:-5], 'en')
        groups.setdefault(base, {})[lang] = set(load(f))
    bad = 0
    for base, langs in sorted(groups.items()):
        union = set().union(*langs.values())
        for lang in ('en', 'ar', 'fr'):
            gap = union - langs.get(lang, set())
            if gap:
                bad += 1
                print(f'{base} [{lang}] lacks: {sorted(gap)[:5]}')
    return bad

if __name__ == '__main__':
    cmd = sys.argv[1] if len(sys.argv) > 1 else ''
    if cmd == 'add' and len(sys.argv) == 6:
        add_many(sys.argv[2], [(sys.argv[3], sys.argv[4], sys.argv[5])])
    elif cmd == 'bulk' and len(sys.argv) == 4:
        rows = []
        with open(sys.argv[3], encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip('\n')
                if not line.strip() or line.startswith('#'):
                    continue
                cols = line.split('\t')
                if len(cols) != 3:
                    sys.exit(f'{sys.argv[3]}:{n}: expected key<TAB>ar<TAB>fr')
                rows.append(tuple(cols))
        add_many(sys.argv[2], rows)
    elif cmd == 'check':
        sys.exit(1 if check() else 0)
    else:
        print(__doc__)
        sys.exit(2)
