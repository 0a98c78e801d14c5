"Package metadata comes from settings.ini (nbdev 2)."
from configparser import ConfigParser
import setuptools

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']
req = lambda k: cfg.get(k, '').split()

setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'],
    author=cfg['author'], author_email=cfg['author_email'], license='Apache-2.0',
    url=cfg['git_url'], packages=setuptools.find_packages(include=['emotion_paper', 'emotion_paper.*']),
    include_package_data=True, python_requires='>=' + cfg['min_python'],
    long_description=open('README.md', encoding='utf-8').read() if __import__('os').path.exists('README.md') else '',
    long_description_content_type='text/markdown',
    install_requires=req('requirements'),
    extras_require={'cpu': req('cpu_requirements'), 'gpu': req('gpu_requirements'), 'jax': req('jax_requirements'),
                    'dev': req('dev_requirements')},
    entry_points={'console_scripts': req('console_scripts'),
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    keywords=cfg['keywords'].split(),
    classifiers=['Programming Language :: Python :: 3.11', 'License :: OSI Approved :: Apache Software License'],
    project_urls={'Documentation': cfg['doc_host'] + cfg['doc_baseurl'], 'Source': cfg['git_url']},
    zip_safe=False,
)
