import groovy.xml.XmlSlurper

def log = new File(basedir, 'build.log').text
def reports = new File(basedir, 'target/gc-vm-reports')
def result = { String name -> new XmlSlurper().parse(new File(reports, name + '.xml')) }
def summary = { new XmlSlurper().parse(new File(reports, 'gc-vm-summary.xml')) }

assert log =~ /SYNTAX_ERROR\s+typo\.mit\s/
assert log.contains("src/gcvm/typo.mit:3:1: expected ';' before 'y'")
def r = result('typo.mit')
assert r.@verdict == 'SYNTAX_ERROR'
assert r.error.@line == '3'
assert r.error.@column == '1'
return true
