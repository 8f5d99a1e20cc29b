import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log.contains('gc-vm: skipped (gcvm.skip)')
assert !log.contains('SYNTAX_ERROR')
assert !reports.exists()
assert log.contains('BUILD SUCCESS')
return true
