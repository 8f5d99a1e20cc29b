// The site of a project whose programs never ran: the report page says so, the build passes.
def log = new File(basedir, 'build.log').text
def page = new File(basedir, 'target/site/gc-vm-report.html')

assert log.contains('gc-vm report: no results directory target/gc-vm-reports (run gc-vm:run before the site)')
assert log.contains('BUILD SUCCESS')
assert page.isFile() : 'no report page'
def text = page.getText('UTF-8').replaceAll(/<[^>]+>/, '').replaceAll(/\s+/, ' ')
assert text.contains('No gc-vm results to report. The results directory target/gc-vm-reports does not exist')
assert text.contains('mvn verify site')
assert !page.text.contains('id="gcvm-runs"')
return true
